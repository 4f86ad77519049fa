package ai.hanzo.node.app;

import ai.hanzo.node.p2p.NodeIdentity;
import java.nio.file.Path;

/** The node's PeerId as text, for {@code hanzo-node id} (the CLI reaches subsystems only through the app). */
public final class PeerIdentity {
  private PeerIdentity() {}

  /** Loads the identity of {@code dataDir}, creating it on a fresh directory. */
  public static String peerIdOf(Path dataDir) {
    return NodeIdentity.loadOrCreate(dataDir).peerId().toString();
  }
}
