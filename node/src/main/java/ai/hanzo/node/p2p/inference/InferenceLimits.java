package ai.hanzo.node.p2p.inference;

import java.time.Duration;

/** The sizes and counts both ends of {@code /hanzo/inference/1.0.0} hold to. */
public final class InferenceLimits {
  public static final String PROTOCOL = "/hanzo/inference/1.0.0";
  /**
   * One message at most (libp2p's usual cap): a prompt of the API's largest or a long completion's whole text
   * fits, in UTF-8.
   */
  public static final int MAX_MESSAGE = 4 << 20;
  /** Prompt and token text, in characters (the API's own prompt limit). */
  public static final int MAX_TEXT = 256 * 1024;
  /** A whole completion's text, in characters. */
  public static final int MAX_COMPLETION = 1 << 20;
  /** An error message, in characters; longer ones are clipped when sent. */
  public static final int MAX_ERROR = 2048;
  /** Model names, caller subjects, node ids, codes and other short fields. */
  public static final int MAX_SHORT = 256;
  public static final int MAX_STOP = 4;
  /** A chat's messages; their contents together are at most {@link #MAX_TEXT} characters. */
  public static final int MAX_MESSAGES = 256;
  public static final int MAX_DETAILS = 16;
  /** Texts in one embeddings call (the API's own limit). */
  public static final int MAX_EMBED_INPUTS = 256;
  /**
   * An embeddings call's texts together, in characters: in UTF-8 (at most 3 bytes a UTF-16 char) they stay within
   * {@link #MAX_MESSAGE}. Larger batches are refused before they are forwarded; the client splits them.
   */
  public static final int MAX_EMBED_CHARS = 1_000_000;
  /** A vector's dimension at most (the largest embedding models' are 4,096 to 8,192). */
  public static final int MAX_EMBED_DIMENSION = 16_384;
  /** The values of one embeddings answer together: 4 bytes each, so the answer fits {@link #MAX_MESSAGE}. */
  public static final int MAX_EMBED_VALUES = 1_000_000;
  /** Generations one peer may have running or waiting here at once, and we at one peer. */
  public static final int MAX_PER_PEER = 8;
  /** How long the target may take to accept (it may load the model first). */
  public static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(60);

  private InferenceLimits() {}
}
