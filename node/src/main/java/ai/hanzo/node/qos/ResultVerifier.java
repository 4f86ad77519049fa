package ai.hanzo.node.qos;

/**
 * Checks a challenger's signed result from its bytes alone, on any machine: the challenger signed the challenge
 * and the result (its key comes out of its PeerId), it did not challenge itself, it reported after it issued, and a
 * pass carries a valid proof of that very challenge by the provider ({@link ProofVerifier}). Whether the result is
 * fresh or was seen before is the receiver's business (it has the clock and the memory).
 */
public final class ResultVerifier {
  private ResultVerifier() {}

  public static Verification verify(SignedResult result) {
    Challenge c = result.challenge().challenge();
    if (!result.challenge().signatureValid()) {
      return Verification.refused("the challenge is not signed by its challenger " + c.challenger());
    }
    try {
      if (!PeerKeys.ed25519Of("challenger", c.challenger()).verify(result.signedBytes(), result.signature())) {
        return Verification.refused("the result is not signed by the challenger " + c.challenger());
      }
    } catch (MalformedProofException e) {
      return Verification.refused(e.getMessage());
    }
    if (c.challenger().equals(c.provider())) {
      return Verification.refused("a node cannot report on challenges of itself");
    }
    if (result.reportedAt().isBefore(c.issuedAt())) {
      return Verification.refused("reported at " + result.reportedAt() + ", before the challenge was issued");
    }
    if (!result.passed()) {
      return Verification.ok();
    }
    if (result.proof().isEmpty()) {
      return Verification.refused("a passed result carries no proof");
    }
    SignedProof proof = result.proof().get();
    if (!proof.challenge().equals(result.challenge())) {
      return Verification.refused("the proof is of another challenge, " + proof.challenge().challenge().id());
    }
    Verification v = ProofVerifier.verify(proof);
    return v.valid() ? v : Verification.refused("the proof is not valid: " + v.reason());
  }

  /** Verifies the export form; bytes that are not one are refused with the reason, never thrown. */
  public static Verification verify(byte[] resultBytes) {
    try {
      return verify(SignedResult.fromBytes(resultBytes));
    } catch (MalformedProofException e) {
      return Verification.refused("not a signed result: " + e.getMessage());
    }
  }
}
