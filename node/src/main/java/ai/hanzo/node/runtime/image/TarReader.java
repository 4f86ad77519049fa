package ai.hanzo.node.runtime.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads ustar, GNU and pax tar streams member by member. Everything is untrusted: header checksums are checked,
 * numbers must parse, and long names and pax headers are bounded, so a malformed stream is an
 * {@link ImageFormatException} and never a large allocation.
 */
public final class TarReader {
  private static final int BLOCK = 512;
  private static final int MAX_EXTENDED_HEADER = 1 << 20;

  private final InputStream in;
  private final byte[] header = new byte[BLOCK];
  private final byte[] skipBuffer = new byte[8192];
  private long remaining;
  private long padding;
  private boolean finished;

  public TarReader(InputStream in) {
    this.in = in;
  }

  /** The next member, or null at the end of the archive. Skips what is left of the previous member's content. */
  public TarEntry next() throws IOException {
    String longName = null;
    String longLink = null;
    Map<String, String> pax = Map.of();
    while (true) {
      skip(remaining + padding);
      remaining = 0;
      padding = 0;
      if (finished || !readHeader()) {
        finished = true;
        return null;
      }
      char type = (char) (header[156] & 0xff);
      long size = number(124, 12, "size");
      remaining = size;
      padding = (BLOCK - size % BLOCK) % BLOCK;
      switch (type) {
        case 'x' -> pax = paxRecords(readExtended(size));
        case 'g' -> readExtended(size); // global defaults (comments, mtimes) change nothing we unpack
        case 'L' -> longName = cString(readExtended(size));
        case 'K' -> longLink = cString(readExtended(size));
        default -> {
          return entry(type, size, longName, longLink, pax);
        }
      }
    }
  }

  /** The current member's content; reads end at its size. */
  public InputStream content() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
          throw new ImageFormatException("tar stream ends inside a member's content");
        }
        remaining -= n;
        return n;
      }
    };
  }

  private TarEntry entry(char type, long size, String longName, String longLink, Map<String, String> pax)
      throws IOException {
    String name = pax.getOrDefault("path", longName != null ? longName : ustarName());
    String link = pax.getOrDefault("linkpath", longLink != null ? longLink : text(157, 100));
    if (pax.containsKey("size")) {
      size = paxNumber(pax.get("size"), "size");
      remaining = size;
      padding = (BLOCK - size % BLOCK) % BLOCK;
    }
    TarEntry.Type kind = switch (type) {
      case '0', '\0', '7' -> TarEntry.Type.FILE;
      case '1' -> TarEntry.Type.HARD_LINK;
      case '2' -> TarEntry.Type.SYMLINK;
      case '3', '4' -> TarEntry.Type.DEVICE;
      case '5' -> TarEntry.Type.DIRECTORY;
      case '6' -> TarEntry.Type.FIFO;
      default -> TarEntry.Type.OTHER;
    };
    if (kind != TarEntry.Type.FILE && kind != TarEntry.Type.OTHER) {
      // links, directories and devices carry no content even when a header claims a size
      remaining = 0;
      padding = 0;
    }
    if (name.isEmpty()) {
      throw new ImageFormatException("tar member with an empty name");
    }
    if (name.indexOf('\0') >= 0 || link.indexOf('\0') >= 0) {
      throw new ImageFormatException("tar member name contains a NUL byte");
    }
    long uid = pax.containsKey("uid") ? paxNumber(pax.get("uid"), "uid") : number(108, 8, "uid");
    long gid = pax.containsKey("gid") ? paxNumber(pax.get("gid"), "gid") : number(116, 8, "gid");
    return new TarEntry(name, kind, size, (int) (number(100, 8, "mode") & 07777), uid, gid,
        number(136, 12, "mtime"), link);
  }

  private boolean readHeader() throws IOException {
    int n = in.readNBytes(header, 0, BLOCK);
    if (n == 0) {
      return false; // some writers leave off the two zero blocks
    }
    if (n < BLOCK) {
      throw new ImageFormatException("tar stream ends inside a header (" + n + " of 512 bytes)");
    }
    boolean zero = true;
    for (byte b : header) {
      if (b != 0) {
        zero = false;
        break;
      }
    }
    if (zero) {
      return false;
    }
    long stored = number(148, 8, "checksum");
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      byte b = i >= 148 && i < 156 ? (byte) ' ' : header[i];
      unsigned += b & 0xff;
      signed += b;
    }
    if (stored != unsigned && stored != signed) {
      throw new ImageFormatException("tar header checksum mismatch (not a tar stream, or a corrupt one)");
    }
    return true;
  }

  private byte[] readExtended(long size) throws IOException {
    if (size > MAX_EXTENDED_HEADER) {
      throw new ImageFormatException("tar extended header of " + size + " bytes exceeds " + MAX_EXTENDED_HEADER);
    }
    byte[] data = in.readNBytes((int) size);
    if (data.length < size) {
      throw new ImageFormatException("tar stream ends inside an extended header");
    }
    remaining = 0;
    return data;
  }

  private static Map<String, String> paxRecords(byte[] data) {
    Map<String, String> records = new HashMap<>();
    int pos = 0;
    while (pos < data.length) {
      int space = pos;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      int length;
      try {
        length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new ImageFormatException("pax record length is not a number");
      }
      int end = pos + length;
      if (length <= space - pos + 1 || end > data.length || data[end - 1] != '\n') {
        throw new ImageFormatException("pax record has a wrong length");
      }
      String record = new String(data, space + 1, end - space - 2, StandardCharsets.UTF_8);
      int equals = record.indexOf('=');
      if (equals <= 0) {
        throw new ImageFormatException("pax record without 'key=value'");
      }
      records.put(record.substring(0, equals), record.substring(equals + 1));
      pos = end;
    }
    return records;
  }

  private static long paxNumber(String text, String field) {
    try {
      long value = Long.parseLong(text.trim());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ImageFormatException("pax " + field + " '" + text + "' is not a non-negative number");
    }
  }

  private String ustarName() {
    String name = text(0, 100);
    boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
        && header[261] == 'r';
    String prefix = ustar ? text(345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private String text(int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static String cString(byte[] data) {
    int end = 0;
    while (end < data.length && data[end] != 0) {
      end++;
    }
    return new String(data, 0, end, StandardCharsets.UTF_8);
  }

  /** An octal field, or GNU base-256 when the high bit of the first byte is set. */
  private long number(int offset, int length, String field) {
    if ((header[offset] & 0x80) != 0) {
      if ((header[offset] & 0x40) != 0) {
        throw new ImageFormatException("tar " + field + " field is negative");
      }
      long value = header[offset] & 0x3f;
      for (int i = offset + 1; i < offset + length; i++) {
        if ((value >>> 55) != 0) {
          throw new ImageFormatException("tar " + field + " field is too large");
        }
        value = (value << 8) | (header[i] & 0xff);
      }
      return value;
    }
    long value = 0;
    int i = offset;
    int end = offset + length;
    while (i < end && (header[i] == ' ' || header[i] == 0)) {
      i++;
    }
    int digits = 0;
    for (; i < end && header[i] >= '0' && header[i] <= '7'; i++) {
      if (++digits > 21) {
        throw new ImageFormatException("tar " + field + " field is too large");
      }
      value = value * 8 + (header[i] - '0');
    }
    for (; i < end; i++) {
      if (header[i] != ' ' && header[i] != 0) {
        throw new ImageFormatException("tar " + field + " field is not an octal number");
      }
    }
    return value;
  }

  /** Reads (not skips) past content: callers hash the stream, and skip() would bypass their digest. */
  private void skip(long bytes) throws IOException {
    long left = bytes;
    while (left > 0) {
      int n = in.read(skipBuffer, 0, (int) Math.min(skipBuffer.length, left));
      if (n < 0) {
        throw new ImageFormatException("tar stream ends inside a member's content");
      }
      left -= n;
    }
  }
}
