package ai.hanzo.node.inference.serving;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.models.ModelRecord;
import ai.hanzo.node.models.ModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Models streamed into the store from a client's machine (UploadModel). An upload declares its name and size first
 * and is refused before any byte is written when the name is bad or taken, the size is beyond the node's largest
 * model or the disk's free space less {@link ModelCatalog#RESERVE_BYTES}, or {@link UploadLimits#maxConcurrent()} run
 * already. Its bytes go to a file of the store's upload directory (the store's file system, so the last step is one
 * rename), hashed as they are written; a first four bytes that are not GGUF's magic end it at once. At the end the
 * size, the whole GGUF header and a SHA-256 the client gave are checked, and the file moves into the store. However
 * else an upload ends ({@link Upload#close()} before {@link Upload#finish()}: a refusal, a client that went away or
 * stalled), its file is deleted; files left by a node that stopped mid-upload are deleted when the next one starts.
 * Blocking I/O: call off the event loop.
 */
public final class ModelUploads {
  private static final byte[] GGUF_MAGIC = {'G', 'G', 'U', 'F'};
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Logger log = LoggerFactory.getLogger(ModelUploads.class);

  private final ModelStore store;
  private final UploadLimits limits;
  /** Names of the uploads running now, guarded by itself: two uploads of one name would race to the store. */
  private final Set<String> running = new HashSet<>();

  public ModelUploads(ModelStore store, UploadLimits limits) {
    this.store = store;
    this.limits = limits;
    deleteLeftovers();
  }

  public UploadLimits limits() {
    return limits;
  }

  /**
   * Starts the upload of {@code size} bytes as {@code name}, or refuses it (before anything is written).
   *
   * @param sha256 the file's hex SHA-256 as the client computed it, or empty
   */
  public Upload begin(String name, long size, String sha256) {
    ModelStore.validName(name);
    if (size <= 0) {
      throw NodeException.invalidField("size_bytes", "must be the file's size, at least 1 byte");
    }
    if (!sha256.isEmpty() && !SHA256.matcher(sha256).matches()) {
      throw NodeException.invalidField("sha256", "must be 64 lower-case hex digits, or empty");
    }
    if (size > limits.maxModelBytes()) {
      throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "model '" + name + "' is " + size + " bytes; this"
          + " node takes models of at most " + limits.maxModelBytes() + " bytes (--max-model-size)",
          Map.of("reason", "too_large", "max_model_bytes", Long.toString(limits.maxModelBytes())));
    }
    synchronized (running) {
      if (running.contains(name)) {
        throw new NodeException(ErrorCode.ALREADY_EXISTS, "model '" + name + "' is being uploaded already");
      }
      if (running.size() >= limits.maxConcurrent()) {
        throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, limits.maxConcurrent() + " models are being"
            + " uploaded to this node now, its most at once; retry when one has ended", Map.of("reason", "uploads_busy",
            "retry_after_seconds", "5"));
      }
      running.add(name);
    }
    try {
      if (store.find(name).isPresent()) {
        throw new NodeException(ErrorCode.ALREADY_EXISTS, "model '" + name + "' already exists; remove it first");
      }
      Path dir = store.uploadDirectory();
      Files.createDirectories(dir);
      long free = Files.getFileStore(dir).getUsableSpace();
      if (size > free - ModelCatalog.RESERVE_BYTES) {
        throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "the model store's disk has " + mib(free)
            + " MiB free; model '" + name + "' takes " + mib(size) + " MiB and " + mib(ModelCatalog.RESERVE_BYTES)
            + " MiB are kept free", Map.of("reason", "disk_full"));
      }
      Path file = Files.createTempFile(dir, name + "-", ".partial");
      return new Upload(name, size, sha256, file);
    } catch (IOException e) {
      release(name);
      throw new UncheckedIOException("the upload of model " + name + " could not start", e);
    } catch (RuntimeException e) {
      release(name);
      throw e;
    }
  }

  private void release(String name) {
    synchronized (running) {
      running.remove(name);
    }
  }

  private void deleteLeftovers() {
    Path dir = store.uploadDirectory();
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.partial")) {
      for (Path file : files) {
        Files.deleteIfExists(file);
        log.info("deleted {}, left by an upload that did not end", file);
      }
    } catch (IOException e) {
      log.warn("could not delete the leftovers of uploads in {}: {}", dir, e.toString());
    }
  }

  private static long mib(long bytes) {
    return bytes >> 20;
  }

  /** One upload: its bytes in order, then {@link #finish()}; always {@link #close()}d. Not thread-safe. */
  public final class Upload implements AutoCloseable {
    private final String name;
    private final long declared;
    private final String expectedSha256;
    private final Path file;
    private final FileChannel out;
    private final MessageDigest digest;
    private final byte[] magic = new byte[GGUF_MAGIC.length];
    private long received;
    private boolean finished;
    private boolean closed;

    private Upload(String name, long declared, String expectedSha256, Path file) throws IOException {
      this.name = name;
      this.declared = declared;
      this.expectedSha256 = expectedSha256;
      this.file = file;
      this.out = FileChannel.open(file, StandardOpenOption.WRITE);
      try {
        this.digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
    }

    public String name() {
      return name;
    }

    public long received() {
      return received;
    }

    /** Appends the next bytes; INVALID_ARGUMENT past the declared size or when the file does not start as GGUF. */
    public void write(ByteBuffer data) {
      int length = data.remaining();
      if (received + length > declared) {
        throw NodeException.invalidField("data", "the upload of model '" + name + "' sent more than the "
            + declared + " bytes it declared (size_bytes)");
      }
      for (int i = 0; received + i < GGUF_MAGIC.length && i < length; i++) {
        magic[(int) received + i] = data.get(data.position() + i);
        if (magic[(int) received + i] != GGUF_MAGIC[(int) received + i]) {
          throw NodeException.invalidField("data", "the upload of model '" + name + "' is not a GGUF model:"
              + " the file does not start with GGUF's magic");
        }
      }
      digest.update(data.duplicate());
      try {
        while (data.hasRemaining()) {
          out.write(data);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("writing the upload of model " + name + " failed", e);
      }
      received += length;
    }

    /**
     * Checks the whole file (every declared byte came, a GGUF header, the client's SHA-256) and moves it into the
     * store; INVALID_ARGUMENT when a check fails.
     */
    public ModelRecord finish() {
      if (received < declared) {
        throw NodeException.invalidField("data", "the upload of model '" + name + "' ended after " + received
            + " of the " + declared + " bytes it declared: truncated");
      }
      String sha256 = HexFormat.of().formatHex(digest.digest());
      if (!expectedSha256.isEmpty() && !expectedSha256.equals(sha256)) {
        throw NodeException.invalidField("sha256", "the upload of model '" + name + "' has SHA-256 " + sha256
            + ", not " + expectedSha256 + " as the client said");
      }
      try {
        out.force(false);
        out.close();
        ModelRecord record = store.adopt(file, name, sha256);
        finished = true;
        return record;
      } catch (IOException e) {
        throw new UncheckedIOException("storing the upload of model " + name + " failed", e);
      }
    }

    /** Ends the upload; unless it finished, its file is deleted. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        out.close();
        Files.deleteIfExists(file);
      } catch (IOException e) {
        log.warn("could not delete {} of an upload that did not finish: {}", file, e.toString());
      } finally {
        release(name);
      }
      if (!finished) {
        log.info("upload of model {} ended after {} of {} bytes; nothing kept", name, received, declared);
      }
    }
  }
}
