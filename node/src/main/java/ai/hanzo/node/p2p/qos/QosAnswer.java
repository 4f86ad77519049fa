package ai.hanzo.node.p2p.qos;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.qos.SignedProof;

/** What a provider answers to a challenge on {@code /hanzo/qos/1.0.0}: a signed proof, or a refusal. */
public sealed interface QosAnswer {
  record Proof(SignedProof proof) implements QosAnswer { }

  record Refusal(ErrorCode code, String message) implements QosAnswer { }
}
