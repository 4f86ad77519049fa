package ai.hanzo.node.qos;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the challenger observed of one challenge: whether a valid proof came back before the deadline, the round trip
 * of the signed exchange, the libp2p ping round trip (latency challenges), the rate (bytes per second of a bandwidth
 * challenge, tokens per second of a model challenge, 0 otherwise; the field keeps its first name because records
 * and the API already carry it), and why it failed.
 */
public record ChallengeOutcome(String challengeId, ChallengeType type, boolean passed, Duration roundTrip,
    Duration pingRtt, long bytesPerSecond, String failure, Instant at) {
  public ChallengeOutcome {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(roundTrip, "roundTrip");
    Objects.requireNonNull(pingRtt, "pingRtt");
    Objects.requireNonNull(at, "at");
    failure = failure == null ? "" : failure.length() > 512 ? failure.substring(0, 512) : failure;
  }

  public static ChallengeOutcome passed(String id, ChallengeType type, Duration roundTrip, Duration pingRtt,
      long bytesPerSecond, Instant at) {
    return new ChallengeOutcome(id, type, true, roundTrip, pingRtt, bytesPerSecond, "", at);
  }

  public static ChallengeOutcome failed(String id, ChallengeType type, Duration roundTrip, String why, Instant at) {
    return new ChallengeOutcome(id, type, false, roundTrip, Duration.ZERO, 0, why, at);
  }
}
