package ai.hanzo.node.config;

/**
 * How many long-lived streams (log follows, metrics and event streams, exec sessions) one caller, and all callers
 * together, may hold open on this node's API.
 */
public record StreamLimits(int perCaller, int perNode) {
  public static final int DEFAULT_PER_CALLER = 64;
  public static final int DEFAULT_PER_NODE = 4096;
  public static final StreamLimits DEFAULT = new StreamLimits(DEFAULT_PER_CALLER, DEFAULT_PER_NODE);

  public StreamLimits {
    if (perCaller < 1 || perNode < 1) {
      throw new IllegalArgumentException("stream limits must be at least 1, got " + perCaller + " and " + perNode);
    }
  }
}
