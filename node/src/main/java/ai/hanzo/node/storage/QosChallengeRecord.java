package ai.hanzo.node.storage;

import java.time.Instant;

/**
 * One challenge this node ran: what it asked, what it observed, and the provider's signed proof in its canonical
 * export form (base64; null when no proof came back), so it can be verified again later or elsewhere.
 */
public record QosChallengeRecord(String id, String type, String provider, String challenger, long difficulty,
    Instant issuedAt, Instant deadline, boolean passed, String failure, long roundTripNanos, long pingRttNanos,
    long bytesPerSecond, Instant finishedAt, String proofBase64) {
  public static final int MAX_FAILURE = 600;
  /** A proof's export form is under 1 KiB; its base64 under 1.4 Ki characters. */
  public static final int MAX_PROOF = 4096;

  public QosChallengeRecord {
    StoredText.requireKey(id, "id");
    for (String s : new String[] {id, type, provider, challenger}) {
      if (s == null || s.length() > 256) {
        throw new IllegalArgumentException("challenge ids, types and PeerIds must be at most 256 characters");
      }
    }
    if (issuedAt.isBefore(Instant.EPOCH) || issuedAt.getEpochSecond() > 32503680000L) {
      throw new IllegalArgumentException("issuedAt must be between 1970 and 3000 (it orders the history)");
    }
    failure = failure == null ? "" : failure.length() > MAX_FAILURE ? failure.substring(0, MAX_FAILURE) : failure;
    if (proofBase64 != null && proofBase64.length() > MAX_PROOF) {
      throw new IllegalArgumentException("a stored proof must be at most " + MAX_PROOF + " characters");
    }
  }
}
