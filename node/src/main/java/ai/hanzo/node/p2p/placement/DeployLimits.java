package ai.hanzo.node.p2p.placement;

import java.time.Duration;

/** The sizes, counts and times both ends of {@code /hanzo/deploy/1.0.0} hold to. */
public final class DeployLimits {
  public static final String PROTOCOL = "/hanzo/deploy/1.0.0";
  /** The logs of a placed deployment, streamed to the placing node for its caller. */
  public static final String LOGS_PROTOCOL = "/hanzo/deploy-logs/1.0.0";
  /**
   * How long a target keeps a log stream the placing node does not read (flow control stopped it) before resetting
   * it: a follower that went silent holds the target's log subscription no longer than this.
   */
  public static final Duration LOGS_STALL = Duration.ofSeconds(30);
  /** An exec session in a container of a placed deployment, driven through the placing node. */
  public static final String EXEC_PROTOCOL = "/hanzo/deploy-exec/1.0.0";
  /** One exec frame at most: a first ExecInput of the API's largest command (256 KiB) with some stdin fits. */
  public static final int EXEC_MAX_MESSAGE = 1 << 20;
  /** Stdin travels in pieces of at most this many bytes, so one large write never makes one large frame. */
  public static final int EXEC_STDIN_PIECE = 64 * 1024;
  /** The most rows or columns an exec's terminal may have (as the API allows). */
  public static final int MAX_TERMINAL_CELLS = 10_000;
  /** How long a target keeps an exec session whose output nobody reads before resetting it (the command dies). */
  public static final Duration EXEC_STALL = Duration.ofSeconds(30);
  /** One message at most: a Deploy request of the API's own largest size fits. */
  public static final int MAX_MESSAGE = 4 << 20;
  /** Node and deployment ids, caller subjects and orgs, codes. */
  public static final int MAX_SHORT = 256;
  /** An answer's message, in characters; longer ones are clipped when sent. */
  public static final int MAX_MESSAGE_TEXT = 2048;
  public static final int MAX_ENDPOINTS = 64;
  /** Calls one peer may have waiting or running here at once, and we at one peer. */
  public static final int MAX_PER_PEER = 8;
  /**
   * How long a placing node waits for one target's answer: the target stores the deployment and answers before its
   * containers start, so this is a network round trip and a RocksDB write.
   */
  public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(4);

  private DeployLimits() {}
}
