package ai.hanzo.node.runtime.logs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into UTF-8 lines (malformed bytes become U+FFFD). A line longer than {@code maxLineBytes} is
 * emitted in pieces, so a writer that never sends a newline cannot make us buffer without bound.
 */
public final class LineAssembler {
  private final int maxLineBytes;
  private final Consumer<String> sink;
  private byte[] pending = new byte[256];
  private int length;

  public LineAssembler(int maxLineBytes, Consumer<String> sink) {
    this.maxLineBytes = maxLineBytes;
    this.sink = sink;
  }

  public void feed(byte[] bytes, int offset, int count) {
    int end = offset + count;
    int lineStart = offset;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        if (length == 0 && i - lineStart < maxLineBytes) {
          // The whole line is in this chunk: decode it from there, no copy into the pending buffer.
          sink.accept(new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8));
        } else {
          append(bytes, lineStart, i);
          emit();
        }
        lineStart = i + 1;
      }
    }
    append(bytes, lineStart, end);
  }

  /** Buffers bytes of an unfinished line, emitting a piece whenever the buffer reaches the line limit. */
  private void append(byte[] bytes, int from, int to) {
    while (from < to) {
      if (length == pending.length) {
        pending = Arrays.copyOf(pending, Math.min(maxLineBytes, pending.length * 2));
      }
      int n = Math.min(to - from, Math.min(pending.length, maxLineBytes) - length);
      System.arraycopy(bytes, from, pending, length, n);
      length += n;
      from += n;
      if (length == maxLineBytes) {
        emit();
      }
    }
  }

  /** Emits what is left without a trailing newline (at end of stream). */
  public void flush() {
    if (length > 0) {
      emit();
    }
  }

  /** Whether bytes of an unfinished line are buffered. */
  public boolean hasPartialLine() {
    return length > 0;
  }

  private void emit() {
    String line = new String(pending, 0, length, StandardCharsets.UTF_8);
    length = 0;
    sink.accept(line);
  }
}
