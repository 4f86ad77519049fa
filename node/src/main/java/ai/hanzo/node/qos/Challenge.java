package ai.hanzo.node.qos;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a challenger asks of a provider: a random id and seed, a type and its difficulty (leading zero bits for
 * compute, bytes each way for bandwidth, tokens to generate for model, 0 otherwise), the two PeerIds, the issue time
 * and deadline, and for a model challenge the model's name (empty for the other types). Built only within {@link
 * QosLimits}, so every challenge that exists is one a provider may answer.
 */
public record Challenge(String id, ChallengeType type, long difficulty, String challenger, String provider,
    String seedHex, Instant issuedAt, Instant deadline, String model) {
  static final String TAG = "hanzo-qos-challenge/1";
  private static final String MODEL_NAME = "[A-Za-z0-9][A-Za-z0-9._:/-]{0," + (QosLimits.MAX_MODEL_NAME - 1) + "}";

  /** A challenge of any type but model. */
  public Challenge(String id, ChallengeType type, long difficulty, String challenger, String provider,
      String seedHex, Instant issuedAt, Instant deadline) {
    this(id, type, difficulty, challenger, provider, seedHex, issuedAt, deadline, "");
  }

  public Challenge {
    checkModel(type, model);
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(deadline, "deadline");
    // The canonical encoding keeps milliseconds: the record does too, so decoding gives back an equal record.
    issuedAt = Instant.ofEpochMilli(issuedAt.toEpochMilli());
    deadline = Instant.ofEpochMilli(deadline.toEpochMilli());
    if (id == null || !id.matches("[0-9a-f]{" + QosLimits.ID_CHARS + "}")) {
      throw new MalformedProofException("id must be " + QosLimits.ID_CHARS + " lower-case hex characters");
    }
    if (seedHex == null || !seedHex.matches("[0-9a-f]{" + QosLimits.SEED_BYTES * 2 + "}")) {
      throw new MalformedProofException("seed must be " + QosLimits.SEED_BYTES + " bytes");
    }
    short_("challenger", challenger);
    short_("provider", provider);
    checkDifficulty(type, difficulty);
    Duration window = Duration.between(issuedAt, deadline);
    if (window.compareTo(QosLimits.MIN_WINDOW) < 0 || window.compareTo(QosLimits.MAX_WINDOW) > 0) {
      throw new MalformedProofException("the deadline must be " + QosLimits.MIN_WINDOW.toMillis() + " ms to "
          + QosLimits.MAX_WINDOW.toMinutes() + " min after the issue time, was " + window.toMillis() + " ms");
    }
  }

  /** Refuses a model name on a type other than model, and a missing or malformed one on model, saying which. */
  public static void checkModel(ChallengeType type, String model) {
    if (type == ChallengeType.MODEL) {
      if (model == null || !model.matches(MODEL_NAME)) {
        throw new MalformedProofException("a model challenge names its model: 1 to " + QosLimits.MAX_MODEL_NAME
            + " letters, digits and . _ : / - (starting with a letter or digit)");
      }
    } else if (model == null || !model.isEmpty()) {
      throw new MalformedProofException("only a model challenge names a model, this is a " + type.label()
          + " challenge");
    }
  }

  /** Refuses a difficulty outside the type's range, naming it. */
  public static void checkDifficulty(ChallengeType type, long difficulty) {
    switch (type) {
      case COMPUTE -> range("compute difficulty (leading zero bits)", difficulty, QosLimits.MIN_COMPUTE_BITS,
          QosLimits.MAX_COMPUTE_BITS);
      case BANDWIDTH -> range("bandwidth bytes", difficulty, QosLimits.MIN_BANDWIDTH_BYTES,
          QosLimits.MAX_BANDWIDTH_BYTES);
      case MODEL -> range("model tokens", difficulty, QosLimits.MIN_MODEL_TOKENS, QosLimits.MAX_MODEL_TOKENS);
      default -> range(type.label() + " difficulty", difficulty, 0, 0);
    }
  }

  private static void range(String what, long value, long min, long max) {
    if (value < min || value > max) {
      throw new MalformedProofException(what + " must be " + (min == max ? String.valueOf(min) : min + " to " + max)
          + ", was " + value);
    }
  }

  private static void short_(String field, String value) {
    if (value == null || value.isEmpty() || value.length() > QosLimits.MAX_SHORT) {
      throw new MalformedProofException(field + " must be 1 to " + QosLimits.MAX_SHORT + " characters");
    }
  }

  public byte[] seed() {
    return HexFormat.of().parseHex(seedHex);
  }

  /**
   * The bytes the challenger signs. The model's name follows only on a model challenge, so the other types encode
   * as they did before model challenges existed and their signatures still check.
   */
  public byte[] canonical() {
    Canonical.Writer out = new Canonical.Writer().text(TAG).text(id).int32(type.code()).int64(difficulty)
        .text(challenger).text(provider).bytes(seed()).int64(issuedAt.toEpochMilli())
        .int64(deadline.toEpochMilli());
    if (type == ChallengeType.MODEL) {
      out.text(model);
    }
    return out.toByteArray();
  }

  static Challenge read(Canonical.Reader in) {
    in.expect(TAG);
    String id = in.text("id", QosLimits.ID_CHARS);
    int code = in.int32("type");
    ChallengeType type;
    try {
      type = ChallengeType.ofCode(code);
    } catch (IllegalArgumentException e) {
      throw new MalformedProofException(e.getMessage());
    }
    long difficulty = in.int64("difficulty");
    String challenger = in.text("challenger", QosLimits.MAX_SHORT);
    String provider = in.text("provider", QosLimits.MAX_SHORT);
    byte[] seed = in.bytes("seed", QosLimits.SEED_BYTES);
    Instant issued = instant("issued_at", in.int64("issued_at"));
    Instant deadline = instant("deadline", in.int64("deadline"));
    String model = type == ChallengeType.MODEL ? in.text("model", QosLimits.MAX_MODEL_NAME) : "";
    return new Challenge(id, type, difficulty, challenger, provider, HexFormat.of().formatHex(seed), issued,
        deadline, model);
  }

  static Instant instant(String field, long millis) {
    if (millis < 0 || millis > 32503680000000L) {
      throw new MalformedProofException(field + " is not a time between 1970 and 3000");
    }
    return Instant.ofEpochMilli(millis);
  }
}
