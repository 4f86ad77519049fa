package ai.hanzo.node.app;

import ai.hanzo.node.chain.NodeKey;
import ai.hanzo.node.p2p.NodeIdentity;
import java.nio.file.Path;

/**
 * This node's id and libp2p identity for the operator registry. The identity is read from the data directory when
 * first needed (a registration), by which time the p2p service has loaded or created it and the identity checks
 * of the start have passed.
 */
final class NodeChainKey implements NodeKey {
  private final String nodeId;
  private final Path dataDir;
  private volatile NodeIdentity identity;

  NodeChainKey(String nodeId, Path dataDir) {
    this.nodeId = nodeId;
    this.dataDir = dataDir;
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  @Override
  public byte[] peerId() {
    return identity().peerId().toBytes();
  }

  @Override
  public byte[] sign(byte[] message) {
    return identity().key().sign(message);
  }

  private NodeIdentity identity() {
    NodeIdentity id = identity;
    if (id == null) {
      id = NodeIdentity.loadOrCreate(dataDir);
      identity = id;
    }
    return id;
  }
}
