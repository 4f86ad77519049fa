package ai.hanzo.node.qos;

/**
 * Checks a signed proof from its bytes alone, on any machine: the challenger's signature over the challenge, the
 * provider's over the proof (both keys come out of the PeerIds), that the provider answered by the deadline, and
 * for compute, the answer with one hash. A model challenge's tokens need the model to check; the challenger ran it
 * and a third party sees only that the provider signed them. Whether the answer reached the challenger in time is the challenger's own
 * observation and is not part of the proof.
 */
public final class ProofVerifier {
  private ProofVerifier() {}

  public static Verification verify(SignedProof proof) {
    Challenge c = proof.challenge().challenge();
    if (!proof.challenge().signatureValid()) {
      return Verification.refused("the challenge is not signed by its challenger " + c.challenger());
    }
    try {
      if (!PeerKeys.ed25519Of("provider", c.provider()).verify(proof.signedBytes(), proof.signature())) {
        return Verification.refused("the proof is not signed by the provider " + c.provider());
      }
    } catch (MalformedProofException e) {
      return Verification.refused(e.getMessage());
    }
    if (proof.answeredAt().isAfter(c.deadline())) {
      return Verification.tooLate("the provider answered at " + proof.answeredAt() + ", after the deadline "
          + c.deadline());
    }
    if (c.type() == ChallengeType.COMPUTE) {
      if (!PreimageWork.check(c.seed(), (int) c.difficulty(), proof.answer())) {
        return Verification.refused("the answer is not a solution of the compute challenge at "
            + c.difficulty() + " bits");
      }
    } else if (c.type() == ChallengeType.MODEL) {
      // The tokens themselves can only be checked by running the model (the challenger does); offline, the
      // provider's signature binds it to the tokens it answered, so a wrong answer is its own signed evidence.
      // An empty text is a possible answer: a model may end its text at once.
      return Verification.ok();
    } else if (!proof.answerHex().isEmpty()) {
      return Verification.refused("a " + c.type().label() + " challenge has no answer, the proof carries one");
    }
    return Verification.ok();
  }

  /** Verifies the export form; bytes that are not one are refused with the reason, never thrown. */
  public static Verification verify(byte[] proofBytes) {
    SignedProof proof;
    try {
      proof = SignedProof.fromBytes(proofBytes);
    } catch (MalformedProofException e) {
      return Verification.refused("not a signed proof: " + e.getMessage());
    }
    return verify(proof);
  }
}
