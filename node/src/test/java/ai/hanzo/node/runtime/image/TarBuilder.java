package ai.hanzo.node.runtime.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Writes ustar archives in memory, including members no honest tar tool writes (for the hostile cases). */
final class TarBuilder {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  TarBuilder file(String name, String content) {
    return entry(name, '0', content.getBytes(StandardCharsets.UTF_8), "", 0644);
  }

  TarBuilder dir(String name) {
    return entry(name, '5', new byte[0], "", 0755);
  }

  TarBuilder symlink(String name, String target) {
    return entry(name, '2', new byte[0], target, 0777);
  }

  TarBuilder hardlink(String name, String target) {
    return entry(name, '1', new byte[0], target, 0644);
  }

  TarBuilder entry(String name, char type, byte[] content, String link, int mode) {
    byte[] header = new byte[512];
    put(header, 0, 100, name);
    put(header, 100, 8, String.format("%07o", mode));
    put(header, 108, 8, "0000000");
    put(header, 116, 8, "0000000");
    put(header, 124, 12, String.format("%011o", content.length));
    put(header, 136, 12, String.format("%011o", 1_700_000_000L));
    header[156] = (byte) type;
    put(header, 157, 100, link);
    put(header, 257, 6, "ustar");
    put(header, 263, 2, "00");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, 8, String.format("%06o", sum) + "\0 ");
    out.writeBytes(header);
    out.writeBytes(content);
    out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    return this;
  }

  byte[] build() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.writeBytes(out.toByteArray());
    copy.writeBytes(new byte[1024]);
    return copy.toByteArray();
  }

  byte[] gzipped() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(build());
    }
    return compressed.toByteArray();
  }

  private static void put(byte[] header, int offset, int length, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, header, offset, Math.min(length, bytes.length));
  }
}
