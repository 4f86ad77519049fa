package ai.hanzo.node.registry;

/** A RegisterNode request in domain terms; {@code nodeId} may be empty (the registry then assigns the PeerId). */
public record Registration(String nodeId, String operatorAddress, String endpoint, byte[] publicKey,
    NodeCapabilities capabilities) {
  public Registration {
    publicKey = publicKey == null ? new byte[0] : publicKey.clone();
  }
}
