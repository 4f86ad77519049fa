package ai.hanzo.node.p2p.gossip;

import java.util.List;

/** The Gossipsub topics of the Hanzo network (NODE_API.md). */
public final class Topics {
  public static final String HEARTBEAT = "hanzo/heartbeat/v1";
  public static final String DEPLOYMENTS = "hanzo/deployments/v1";
  public static final String METRICS = "hanzo/metrics/v1";
  public static final String COMMANDS = "hanzo/commands/v1";
  public static final List<String> ALL = List.of(HEARTBEAT, DEPLOYMENTS, METRICS, COMMANDS);

  private Topics() {}
}
