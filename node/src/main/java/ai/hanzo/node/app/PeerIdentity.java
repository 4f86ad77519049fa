package ai.hanzo.node.app;

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
}
