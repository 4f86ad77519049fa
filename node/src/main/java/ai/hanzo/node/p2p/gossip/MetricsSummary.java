package ai.hanzo.node.p2p.gossip;

/** How busy a node is: usage fractions 0..1 and its running containers. */
public record MetricsSummary(double cpu, double memory, double disk, int activeContainers) {
  public static final MetricsSummary NONE = new MetricsSummary(0, 0, 0, 0);
}
