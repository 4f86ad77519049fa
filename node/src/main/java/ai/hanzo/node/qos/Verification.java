package ai.hanzo.node.qos;

/**
 * The result of checking a proof: valid, or the first reason it is not. {@code late} is separate because a late
 * proof is genuine but out of time (the API answers it with 408).
 */
public record Verification(boolean valid, boolean late, String reason) {
  static Verification ok() {
    return new Verification(true, false, "");
  }

  static Verification refused(String reason) {
    return new Verification(false, false, reason);
  }

  static Verification tooLate(String reason) {
    return new Verification(false, true, reason);
  }
}
