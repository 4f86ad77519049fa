package ai.hanzo.node.runtime.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An open log file read incrementally from where it was last read. It stays readable after rotation renames it,
 * which is how a follower finishes the old file before moving to the new one.
 */
final class LogFileReader implements AutoCloseable {
  private static final int MAX_LINE_BYTES = 1024 * 1024;

  private final FileChannel channel;
  private final Object fileKey;
  private final LineAssembler lines;
  private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);

  private LogFileReader(FileChannel channel, Object fileKey, Consumer<String> sink) {
    this.channel = channel;
    this.fileKey = fileKey;
    this.lines = new LineAssembler(MAX_LINE_BYTES, sink);
  }

  /** Opens {@code file}, or returns null when it does not exist. */
  static LogFileReader open(Path file, Consumer<String> sink) throws IOException {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      return new LogFileReader(channel, fileKey(file), sink);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  static Object fileKey(Path file) throws IOException {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  boolean isFile(Path file) throws IOException {
    return Objects.equals(fileKey, fileKey(file));
  }

  /** Reads every complete line written since the last call. */
  void readAvailable() throws IOException {
    while (readChunk() > 0) {
      // until the end
    }
  }

  /**
   * Reads one buffer's worth and hands on the complete lines in it; returns the bytes read, or a value of at most 0
   * at the current end of the file. One call hands on at most one buffer of lines, which bounds what a reader whose
   * consumer is paused can push out before it looks at the consumer again.
   */
  int readChunk() throws IOException {
    buffer.clear();
    int read = channel.read(buffer);
    if (read > 0) {
      lines.feed(buffer.array(), 0, read);
    }
    return read;
  }

  /** Reads to the end, including a last line without newline (a file that no longer grows). */
  void readToEnd() throws IOException {
    readAvailable();
    flush();
  }

  /** Hands on a last line without newline (of a file that no longer grows). */
  void flush() {
    lines.flush();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
