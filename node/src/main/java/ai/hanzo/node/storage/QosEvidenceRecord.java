package ai.hanzo.node.storage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Corroborated failures of a provider that this node, as the registry's slasher, slashed for: the evidence id
 * (SHA-256 of the challenge ids), the provider's PeerId, the operator slashed, the reason sent on chain, the
 * challenge ids and the signed results themselves (their export form, base64), so anyone can check them later.
 * Bounded: at most {@link #MAX_RESULTS} results of at most {@link #MAX_RESULT} characters each.
 *
 * @param shareBps the share of stake slashed, in basis points (1 to 10,000), fixed when the evidence is stored so
 *     the slash sent after a restart is the one decided before it; evidence stored by schema version 1 (a fixed
 *     1 %) reads as {@link #V1_SHARE_BPS}
 */
public record QosEvidenceRecord(String id, String provider, String operator, String reason, Instant createdAt,
    List<String> challengeIds, List<String> resultsBase64, int shareBps) {
  /** The share every slash had before growth per consecutive failure: 1 %. */
  public static final int V1_SHARE_BPS = 100;
  public static final int MAX_RESULTS = 8;
  /** A signed result is at most 6 KiB, its base64 8 Ki characters. */
  public static final int MAX_RESULT = 8192;
  public static final int MAX_TEXT = 256;

  public QosEvidenceRecord {
    StoredText.requireKey(id, "evidence id");
    Objects.requireNonNull(createdAt, "createdAt");
    for (String s : new String[] {id, provider, operator, reason}) {
      if (s == null || s.length() > MAX_TEXT) {
        throw new IllegalArgumentException("evidence ids, PeerIds, operators and reasons must be at most " + MAX_TEXT
            + " characters");
      }
    }
    if (shareBps < 1 || shareBps > 10_000) {
      throw new IllegalArgumentException("a slash share must be 1 to 10000 basis points, was " + shareBps);
    }
    challengeIds = List.copyOf(challengeIds);
    resultsBase64 = List.copyOf(resultsBase64);
    if (challengeIds.isEmpty() || challengeIds.size() > MAX_RESULTS || resultsBase64.size() != challengeIds.size()) {
      throw new IllegalArgumentException("evidence holds 1 to " + MAX_RESULTS + " results, one per challenge id");
    }
    for (String challenge : challengeIds) {
      StoredText.requireKey(challenge, "challenge id");
    }
    for (String r : resultsBase64) {
      if (r.length() > MAX_RESULT) {
        throw new IllegalArgumentException("a stored result must be at most " + MAX_RESULT + " characters");
      }
    }
  }
}
