package ai.hanzo.node.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive ownership of a data directory: an OS file lock on {@code <dataDir>/LOCK}, which also
 * holds the pid of the owner so that a refused second node can say who is in the way.
 *
 * <p>Nothing in the owning process may open the {@code LOCK} file while it is held: POSIX drops a
 * process's lock when any of its descriptors of the file is closed.
 */
public final class DataDirLock implements AutoCloseable {
  static final String LOCK_FILE = "LOCK";

  /*
   * POSIX record locks belong to the process, and closing ANY descriptor of the file drops them
   * all. A second acquire in this JVM must therefore be refused before it opens the file, so the
   * set of held directories has to be process-wide, exactly like the OS locks it guards.
   */
  private static final Set<Path> HELD_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

  private final Path dataDir;
  private final FileChannel channel;
  private final FileLock lock;
  private boolean released;

  private DataDirLock(Path dataDir, FileChannel channel, FileLock lock) {
    this.dataDir = dataDir;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock, creating the directory if needed.
   *
   * @throws StorageException {@link StorageErrorCode#LOCKED} if another process or another
   *     holder in this process has it, {@link StorageErrorCode#IO} if the file cannot be used
   */
  public static DataDirLock acquire(Path dataDir) {
    Path dir = realDirectory(dataDir);
    if (!HELD_IN_THIS_PROCESS.add(dir)) {
      throw locked(dir, ProcessHandle.current().pid() + " (this process)");
    }
    try {
      return lockFile(dir);
    } catch (RuntimeException e) {
      HELD_IN_THIS_PROCESS.remove(dir);
      throw e;
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Releases the lock; calling it again does nothing. */
  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new StorageException(
          StorageErrorCode.IO, "could not release the lock on " + dataDir.resolve(LOCK_FILE), e);
    } finally {
      HELD_IN_THIS_PROCESS.remove(dataDir);
    }
  }

  private static DataDirLock lockFile(Path dir) {
    Path file = dir.resolve(LOCK_FILE);
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String holder = readHolder(channel);
        channel.close();
        throw locked(dir, holder);
      }
      writePid(channel);
      return new DataDirLock(dir, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StorageException(StorageErrorCode.IO, "could not lock " + file + ": " + e, e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  private static void writePid(FileChannel channel) throws IOException {
    byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(pid), 0);
    channel.force(false);
  }

  private static String readHolder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    return text.matches("\\d+") ? text : "unknown (it has not written its pid yet)";
  }

  private static Path realDirectory(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      return dataDir.toRealPath();
    } catch (IOException e) {
      throw new StorageException(
          StorageErrorCode.IO, "data directory " + dataDir + " cannot be created or read: " + e, e);
    }
  }

  private static StorageException locked(Path dir, String holderPid) {
    return new StorageException(
        StorageErrorCode.LOCKED,
        "another node uses "
            + dir
            + " (pid "
            + holderPid
            + "); stop that node or choose another data directory");
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // the original failure is the one worth reporting
    }
  }
}
