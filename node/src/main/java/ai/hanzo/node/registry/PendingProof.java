package ai.hanzo.node.registry;

import java.time.Instant;

/** An outstanding challenge and the registration details that take effect once it is signed. */
public record PendingProof(byte[] challenge, Instant expiresAt, String operatorAddress, String endpoint,
    NodeCapabilities capabilities) {
  public PendingProof {
    challenge = challenge.clone();
  }

  @Override
  public byte[] challenge() {
    return challenge.clone();
  }
}
