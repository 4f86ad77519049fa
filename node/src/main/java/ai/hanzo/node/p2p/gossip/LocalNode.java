package ai.hanzo.node.p2p.gossip;

import java.util.List;

/** This node as its announcements describe it; read at each announcement. */
public interface LocalNode {
  String nodeId();

  /** READY, DRAINING, STARTING or STOPPED. */
  String state();

  Capabilities capabilities();

  MetricsSummary metrics();

  List<String> apiEndpoints();
}
