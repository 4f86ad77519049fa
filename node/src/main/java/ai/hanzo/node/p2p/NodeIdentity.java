package ai.hanzo.node.p2p;

import ai.hanzo.libp2p.crypto.KeyFiles;
import ai.hanzo.libp2p.crypto.PrivateKey;
import ai.hanzo.libp2p.peer.PeerId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node's libp2p identity: an Ed25519 key in {@code <data-dir>/identity.key} (mode 0600), created once, so the
 * PeerId stays the same across restarts. An unreadable key file is an error, never silently replaced: replacing it
 * would change the PeerId that other nodes know.
 */
public record NodeIdentity(PrivateKey key, PeerId peerId) {
  public static final String FILE = "identity.key";

  public static NodeIdentity loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      Files.createDirectories(dataDir);
      PrivateKey key = KeyFiles.loadOrCreateEd25519(file);
      return new NodeIdentity(key, PeerId.fromPublicKey(key.publicKey()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the node identity " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the node identity " + file + " is not a libp2p private key (" + e.getMessage()
          + "); restore it from a backup, or move it away to create a new identity with a new PeerId", e);
    }
  }
}
