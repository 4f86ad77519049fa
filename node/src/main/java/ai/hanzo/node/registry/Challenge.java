package ai.hanzo.node.registry;

import java.time.Instant;

/** What RegisterNode answers: the id the node is known by and the bytes it must sign with its key. */
public record Challenge(String nodeId, byte[] challenge, Instant expiresAt) {
  public Challenge {
    challenge = challenge.clone();
  }

  @Override
  public byte[] challenge() {
    return challenge.clone();
  }
}
