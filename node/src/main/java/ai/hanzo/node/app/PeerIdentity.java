package ai.hanzo.node.app;

import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.p2p.NodeIdentity;
import java.nio.file.Path;

/** The node's PeerId as text, for {@code hanzo-node id} (the CLI reaches subsystems only through the app). */
public final class PeerIdentity {
  private PeerIdentity() {}

  /**
   * Loads the identity of {@code dataDir}, creating it on a fresh directory.
   *
   * @throws MissingIdentityException when the key is missing from a directory that already holds a database
   */
  public static String peerIdOf(Path dataDir) {
    IdentityContinuity.checkBeforeCreatingOffline(dataDir);
    return NodeIdentity.loadOrCreate(dataDir).peerId().toString();
  }

  /**
   * A PeerId's text as the bytes the operator registry stores (its multihash).
   *
   * @throws IllegalArgumentException when {@code peerId} is no PeerId
   */
  static byte[] bytesOf(String peerId) {
    try {
      return PeerId.parse(peerId).toBytes();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a PeerId: " + e.getMessage(), e);
    }
  }
}
