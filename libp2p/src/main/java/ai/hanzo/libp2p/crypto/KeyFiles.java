package ai.hanzo.libp2p.crypto;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Persists a private key as its marshalled protobuf envelope, readable by its owner only (mode
 * 0600 where the file system has POSIX permissions).
 */
public final class KeyFiles {
  private static final FileAttribute<?> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private KeyFiles() {}

  /** Writes {@code key} to {@code file} atomically: readers see the old file or the whole new one. */
  public static void save(Path file, PrivateKey key) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = createOwnerOnly(dir);
    try {
      Files.write(temp, key.marshal());
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Reads a key written by {@link #save}.
   *
   * @throws KeyFormatException when the file does not hold a supported private key
   */
  public static PrivateKey load(Path file) throws IOException {
    long size = Files.size(file);
    if (size > 16 * 1024) {
      throw new KeyFormatException("key file " + file + " is " + size + " bytes, too large for a key");
    }
    try {
      return PrivateKey.unmarshal(Files.readAllBytes(file));
    } catch (KeyFormatException e) {
      throw new KeyFormatException("key file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Loads the key at {@code file}, or generates an Ed25519 key and saves it there first. */
  public static PrivateKey loadOrCreateEd25519(Path file) throws IOException {
    if (Files.exists(file)) {
      return load(file);
    }
    Ed25519PrivateKey key = Ed25519PrivateKey.generate();
    save(file, key);
    return key;
  }

  private static Path createOwnerOnly(Path dir) throws IOException {
    try {
      return Files.createTempFile(dir, ".key", ".tmp", OWNER_ONLY);
    } catch (UnsupportedOperationException e) {
      return Files.createTempFile(dir, ".key", ".tmp");
    } catch (FileAlreadyExistsException e) {
      throw new IOException("could not create a temporary key file in " + dir, e);
    }
  }
}
