package ai.hanzo.node.qos;

import java.util.Locale;
import java.util.Optional;

/**
 * What a challenge measures. The wire and the API name them in lower case; the byte is the canonical encoding's,
 * so never renumber one.
 */
public enum ChallengeType {
  /** A seeded partial-preimage search of the requested difficulty ({@link PreimageWork}). */
  COMPUTE(1),
  /** libp2p ping round trip, then a signed answer. */
  LATENCY(2),
  /** libp2p perf with a bounded number of bytes each way, then a signed answer. */
  BANDWIDTH(3),
  /** A signed answer before the deadline. */
  AVAILABILITY(4),
  /**
   * The tokens a named model generates for a seeded prompt at temperature 0, checked by the challenger running the
   * same prompt on its own copy of the model; measures tokens per second.
   */
  MODEL(5);

  private final int code;

  ChallengeType(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }

  /** Whether answering costs the provider real work (hashing, generating), so a peer may have few in flight. */
  public boolean isWork() {
    return this == COMPUTE || this == MODEL;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ChallengeType ofCode(int code) {
    for (ChallengeType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown challenge type code " + code);
  }

  /** The type named {@code label} (any case); empty when there is none. */
  public static Optional<ChallengeType> parse(String label) {
    for (ChallengeType t : values()) {
      if (t.label().equalsIgnoreCase(label)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
