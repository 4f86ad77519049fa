package ai.hanzo.node.runtime.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Content-addressed blobs under {@code <images>/blobs/sha256/<hex>}. A blob is streamed into a private temp file,
 * its digest and size are checked on the way, and only a verified file is renamed into place; so a blob that
 * exists is always the content its name promises, and concurrent writers of one blob cannot corrupt it.
 */
public final class BlobStore {
  private static final int BUFFER = 1 << 16;

  private final Path blobs;
  private final Path temp;

  public BlobStore(Path imagesRoot) {
    this.blobs = imagesRoot.resolve("blobs").resolve("sha256");
    this.temp = imagesRoot.resolve("blobs").resolve("tmp");
  }

  public Optional<Path> find(Digest digest) {
    Path path = path(digest);
    return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
  }

  public Path path(Digest digest) {
    return blobs.resolve(digest.hex());
  }

  /**
   * Streams {@code in} into the store as blob {@code expected}; {@code size} is the promised length (negative: not
   * known). Reading stops one byte past the promise, so a lying source cannot fill the disk.
   */
  public Path write(InputStream in, Digest expected, long size, String what) throws IOException {
    Files.createDirectories(blobs);
    Files.createDirectories(temp);
    Path file = Files.createTempFile(temp, expected.hex().substring(0, 12), ".part");
    try {
      MessageDigest sha = Digest.sha256();
      long total = 0;
      try (OutputStream out = Files.newOutputStream(file)) {
        byte[] buffer = new byte[BUFFER];
        long limit = size < 0 ? Long.MAX_VALUE : size + 1;
        int n;
        while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) > 0) {
          sha.update(buffer, 0, n);
          out.write(buffer, 0, n);
          total += n;
        }
      }
      if (size >= 0 && total != size) {
        throw new ImageFormatException(what + " " + expected + " is " + (total > size ? "longer" : "shorter")
            + " than the " + size + " bytes its descriptor promises");
      }
      Digest actual = Digest.of(sha);
      if (!actual.equals(expected)) {
        throw new ImageFormatException(what + " has digest " + actual + " but " + expected + " was expected; "
            + "the content is corrupt or was tampered with");
      }
      return commit(file, expected);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Stores bytes already in memory under their own digest. */
  public Digest writeBytes(byte[] content) throws IOException {
    Digest digest = Digest.of(content);
    if (find(digest).isEmpty()) {
      write(new java.io.ByteArrayInputStream(content), digest, content.length, "blob");
    }
    return digest;
  }

  public byte[] read(Digest digest, int maxBytes) throws IOException {
    Path path = find(digest).orElseThrow(() -> new ImageFormatException("blob " + digest + " is missing from "
        + blobs + "; pull or load the image again"));
    if (Files.size(path) > maxBytes) {
      throw new ImageFormatException("blob " + digest + " is larger than " + maxBytes + " bytes");
    }
    return Files.readAllBytes(path);
  }

  public Set<Digest> all() throws IOException {
    Set<Digest> all = new HashSet<>();
    if (Files.isDirectory(blobs)) {
      try (Stream<Path> files = Files.list(blobs)) {
        files.map(p -> p.getFileName().toString()).filter(n -> n.matches("[a-f0-9]{64}"))
            .forEach(n -> all.add(new Digest(n)));
      }
    }
    return all;
  }

  public void delete(Digest digest) throws IOException {
    Files.deleteIfExists(path(digest));
  }

  private Path commit(Path file, Digest digest) throws IOException {
    Path target = path(digest);
    try {
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      if (!Files.isRegularFile(target)) {
        throw e;
      }
      // another pull stored the same verified content first
    }
    return target;
  }
}
