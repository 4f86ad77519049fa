package ai.hanzo.node.runtime.logs;

/** Bounds the disk use of one container's log: at most {@code maxFiles} files of about {@code maxBytes} each. */
public record LogRotation(long maxBytes, int maxFiles) {
  public static final LogRotation DEFAULT = new LogRotation(10L * 1024 * 1024, 3);

  public LogRotation {
    if (maxBytes < 1024) {
      throw new IllegalArgumentException("log rotation size must be at least 1024 bytes, got " + maxBytes);
    }
    if (maxFiles < 1) {
      throw new IllegalArgumentException("log rotation must keep at least 1 file, got " + maxFiles);
    }
  }
}
