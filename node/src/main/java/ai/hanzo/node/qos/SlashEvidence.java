package ai.hanzo.node.qos;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Failures of one provider, each reported and signed by a different challenger, that together corroborate a slash:
 * no single node's word slashes anyone. Its id is the SHA-256 of the sorted challenge ids, so the same failures
 * always make the same evidence, and it is small by construction (at most {@link FailureQuorum#MAX_QUORUM}
 * results of at most {@link SignedResult#MAX_BYTES} each).
 */
public record SlashEvidence(String provider, List<SignedResult> results) {
  /** The longest reason put on chain with a slash. */
  public static final int MAX_REASON = 200;

  public SlashEvidence {
    Objects.requireNonNull(provider, "provider");
    results = List.copyOf(results);
    if (results.isEmpty() || results.size() > FailureQuorum.MAX_QUORUM) {
      throw new IllegalArgumentException("evidence holds 1 to " + FailureQuorum.MAX_QUORUM + " results");
    }
    for (SignedResult r : results) {
      if (r.passed() || !r.challenge().challenge().provider().equals(provider)) {
        throw new IllegalArgumentException("evidence holds only failures of " + provider);
      }
    }
    if (results.stream().map(r -> r.challenge().challenge().challenger()).distinct().count() != results.size()) {
      throw new IllegalArgumentException("evidence holds one failure per challenger");
    }
  }

  /** 64 lower-case hex characters. */
  public String id() {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    challengeIds().stream().sorted().forEach(id -> sha.update((id + "\n").getBytes(StandardCharsets.US_ASCII)));
    return HexFormat.of().formatHex(sha.digest());
  }

  public List<String> challengeIds() {
    return results.stream().map(r -> r.challenge().challenge().id()).toList();
  }

  /** What the slash says on chain: the count, the provider and the evidence id, which finds the signed results. */
  public String reason() {
    String reason = "qos: " + results.size() + " corroborated failed challenges of " + provider + "; evidence "
        + id();
    return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
  }
}
