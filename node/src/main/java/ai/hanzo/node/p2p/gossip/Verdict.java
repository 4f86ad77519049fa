package ai.hanzo.node.p2p.gossip;

import ai.hanzo.libp2p.pubsub.ValidationResult;

/** What validation decided about one message, the decoded payload when it decoded, and why when not accepted. */
public record Verdict<T>(ValidationResult result, T payload, String reason) {
  public static <T> Verdict<T> accept(T payload) {
    return new Verdict<>(ValidationResult.ACCEPT, payload, "");
  }

  public static <T> Verdict<T> reject(T payload, String reason) {
    return new Verdict<>(ValidationResult.REJECT, payload, reason);
  }

  public static <T> Verdict<T> ignore(T payload, String reason) {
    return new Verdict<>(ValidationResult.IGNORE, payload, reason);
  }

  public boolean accepted() {
    return result == ValidationResult.ACCEPT;
  }
}
