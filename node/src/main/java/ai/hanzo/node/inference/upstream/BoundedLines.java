package ai.hanzo.node.inference.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 lines from an upstream's body with a limit on each line and on the whole body, so a server that sends
 * an endless line or an endless answer costs bounded memory and ends with a clear error.
 */
final class BoundedLines {
  private final InputStream in;
  private final int maxLine;
  private final long maxTotal;
  private final byte[] buffer = new byte[8192];
  private int position;
  private int limit;
  private long total;

  BoundedLines(InputStream in, int maxLine, long maxTotal) {
    this.in = in;
    this.maxLine = maxLine;
    this.maxTotal = maxTotal;
  }

  /** The next line without its line ending, or null at the end of the body. */
  String next() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      if (position == limit) {
        limit = in.read(buffer);
        position = 0;
        if (limit < 0) {
          limit = 0;
          return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
        }
        total += limit;
        if (total > maxTotal) {
          throw new UpstreamException("answered more than " + maxTotal + " bytes, the most the node reads");
        }
      }
      byte b = buffer[position++];
      if (b == '\n') {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      if (line.size() >= maxLine) {
        throw new UpstreamException("sent a line longer than " + maxLine + " bytes, the most the node reads");
      }
      line.write(b);
    }
  }
}
