package ai.hanzo.libp2p.mdns;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one possibly compressed name (RFC 1035 §4.1.4). A pointer must point before itself, and after a jump
 * reading may not reach the pointer again; so each jump lowers the limit and a loop of pointers cannot exist. A
 * chain of pointers is cut at as many jumps as a name can have labels, which bounds the work per name.
 */
final class NameReader {
  private static final int MAX_JUMPS = 127;

  private final byte[] packet;
  private final String where;
  private int pos;
  private int limit;
  private int next = -1;
  private int jumps;

  NameReader(byte[] packet, int start, int limit, String where) {
    this.packet = packet;
    this.pos = start;
    this.limit = limit;
    this.where = where;
  }

  DnsName read() throws DnsFormatException {
    List<String> labels = new ArrayList<>();
    int wireBytes = 1;
    while (true) {
      if (pos >= limit && next >= 0) {
        throw new DnsFormatException("name of " + where + " loops back to its compression pointer at offset " + limit);
      }
      if (pos >= limit) {
        throw new DnsFormatException("name of " + where + " runs past its bounds at offset " + pos);
      }
      int b = packet[pos] & 0xFF;
      switch (b & 0xC0) {
        case 0x00 -> {
          if (b == 0) {
            pos++;
            if (next < 0) {
              next = pos;
            }
            return new DnsName(labels);
          }
          if (b > limit - pos - 1) {
            throw new DnsFormatException("label of " + b + " bytes at offset " + pos + " in the name of " + where
                + " runs past its bounds");
          }
          wireBytes += 1 + b;
          if (wireBytes > DnsName.MAX_WIRE_BYTES) {
            throw new DnsFormatException("name of " + where + " is longer than " + DnsName.MAX_WIRE_BYTES + " bytes");
          }
          labels.add(utf8(pos + 1, b));
          pos += 1 + b;
        }
        case 0xC0 -> jump(b);
        default -> throw new DnsFormatException("unsupported label type 0x" + Integer.toHexString(b & 0xC0)
            + " at offset " + pos + " in the name of " + where);
      }
    }
  }

  /** The offset right after the name where it started: after its first pointer or its terminating zero. */
  int next() {
    return next;
  }

  private void jump(int b) throws DnsFormatException {
    if (pos + 1 >= limit) {
      throw new DnsFormatException("compression pointer at offset " + pos + " in the name of " + where
          + " is cut off");
    }
    int target = ((b & 0x3F) << 8) | (packet[pos + 1] & 0xFF);
    if (target >= pos) {
      throw new DnsFormatException("compression pointer at offset " + pos + " in the name of " + where
          + " points forward to " + target + "; pointers must point back");
    }
    if (++jumps > MAX_JUMPS) {
      throw new DnsFormatException("name of " + where + " follows more than " + MAX_JUMPS + " compression pointers");
    }
    if (next < 0) {
      next = pos + 2;
    }
    limit = pos;
    pos = target;
  }

  private String utf8(int offset, int length) throws DnsFormatException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(packet, offset, length)).toString();
    } catch (CharacterCodingException e) {
      throw new DnsFormatException("label at offset " + (offset - 1) + " in the name of " + where
          + " is not UTF-8");
    }
  }
}
