package ai.hanzo.node.qos;

import java.time.Duration;

/** The bounds both ends of a challenge hold to; a challenge outside them is refused before any work is done. */
public final class QosLimits {
  /** Leading zero bits a compute challenge may ask for: 2^bits hashes expected, about 16 M at the top. */
  public static final int MIN_COMPUTE_BITS = 1;
  public static final int MAX_COMPUTE_BITS = 24;
  public static final int DEFAULT_COMPUTE_BITS = 16;
  /** Bytes each way of a bandwidth challenge. */
  public static final long MIN_BANDWIDTH_BYTES = 1024;
  public static final long MAX_BANDWIDTH_BYTES = 64L << 20;
  public static final long DEFAULT_BANDWIDTH_BYTES = 1L << 20;
  /** From issue to deadline. */
  public static final Duration MIN_WINDOW = Duration.ofMillis(50);
  public static final Duration MAX_WINDOW = Duration.ofMinutes(5);
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
  /** How far in the future a challenge's issue time may be on the provider's clock. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
  public static final int SEED_BYTES = 32;
  public static final int ID_CHARS = 32;
  /** PeerIds and other short texts. */
  public static final int MAX_SHORT = 256;
  /**
   * The answer of a compute challenge is an 8-byte nonce, a model challenge's the generated text cut to this many
   * UTF-8 bytes (both ends cut alike, so they compare); others have none.
   */
  public static final int MAX_ANSWER = 1024;
  /** Tokens a model challenge asks for: enough to tell two models apart, little enough to cost a provider little. */
  public static final int MIN_MODEL_TOKENS = 1;
  public static final int MAX_MODEL_TOKENS = 64;
  public static final int DEFAULT_MODEL_TOKENS = 16;
  /** A model's name, as the model store allows it. */
  public static final int MAX_MODEL_NAME = 128;
  public static final int SIGNATURE_BYTES = 64;
  /** Challenges one challenging peer may send a provider per minute. */
  public static final int PER_PEER_PER_MINUTE = 30;
  /** Compute challenges of one challenging peer a provider works on at once (its answering threads are 2). */
  public static final int PER_PEER_IN_FLIGHT = 1;

  private QosLimits() {}
}
