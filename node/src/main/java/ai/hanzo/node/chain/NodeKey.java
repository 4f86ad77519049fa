package ai.hanzo.node.chain;

/**
 * This node as the registry sees it: its node id, its libp2p PeerId, and its libp2p key to sign the binding of the
 * PeerId to the operator. The composition root supplies it (the chain package knows nothing of libp2p).
 */
public interface NodeKey {
  String nodeId();

  /** The PeerId's bytes (the multihash). */
  byte[] peerId();

  /** The node's Ed25519 signature (64 bytes) over {@code message}. */
  byte[] sign(byte[] message);
}
