package ai.hanzo.node.runtime.logs;

import ai.hanzo.node.runtime.LogEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Appends entries to a container's log and rotates by size: the current file becomes {@code .1}, {@code .1} becomes
 * {@code .2}, and the oldest beyond {@code maxFiles} is deleted. Thread-safe (stdout and stderr pumps share it);
 * each entry is one write so readers never see half of it for long.
 */
public final class RotatingLogWriter implements AutoCloseable {
  private final LogFiles files;
  private FileChannel channel;
  private long size;

  public RotatingLogWriter(LogFiles files) {
    this.files = files;
  }

  public synchronized void append(LogEntry entry) {
    byte[] bytes = LogLineCodec.encode(entry).getBytes(StandardCharsets.UTF_8);
    try {
      if (channel == null) {
        open();
      }
      if (size > 0 && size + bytes.length > files.rotation().maxBytes()) {
        rotate();
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        size += channel.write(buffer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write log " + files.current(), e);
    }
  }

  private void open() throws IOException {
    Files.createDirectories(files.dir());
    channel = FileChannel.open(files.current(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    size = channel.size();
  }

  private void rotate() throws IOException {
    channel.close();
    int keep = files.rotation().maxFiles();
    Files.deleteIfExists(keep == 1 ? files.current() : files.rotated(keep - 1));
    for (int generation = keep - 2; generation >= 1; generation--) {
      if (Files.exists(files.rotated(generation))) {
        Files.move(files.rotated(generation), files.rotated(generation + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (keep > 1) {
      Files.move(files.current(), files.rotated(1), StandardCopyOption.REPLACE_EXISTING);
    }
    open();
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      channel = null;
    }
  }
}
