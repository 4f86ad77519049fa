package ai.hanzo.node.cli;

import static ai.hanzo.node.cli.Tables.labelled;

import ai.hanzo.node.client.Pool;
import ai.hanzo.node.client.PoolMember;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The table form of a node's answers about compute pools. */
final class PoolTables {
  private PoolTables() {}

  static String pools(List<Pool> pools) {
    String row = "%-24s %-9s %5s %5s %5s %10s %11s %9s  %s%n";
    StringBuilder sb = new StringBuilder(String.format(row, "POOL", "STATE", "NODES", "READY", "STALE", "FREE CPUS",
        "FREE MEMORY", "FREE GPUS", "SELECTOR"));
    for (Pool p : pools) {
      sb.append(String.format(row, p.id(), p.state(), p.nodes(), p.readyNodes(), p.staleNodes(),
          cpus(p.freeNanoCpus()), mib(p.freeMemoryBytes()), p.freeGpus() + "/" + p.gpus(), selector(p.selector())));
    }
    return sb.toString();
  }

  static String pool(Pool p) {
    return labelled(new String[][] {
        {"POOL", p.id()},
        {"SELECTOR", selector(p.selector())},
        {"STATE", p.state()},
        {"NODES", p.nodes() + " (" + p.readyNodes() + " ready, " + p.staleNodes() + " stale)"},
        {"FREE CPUS", cpus(p.freeNanoCpus())},
        {"FREE MEMORY", mib(p.freeMemoryBytes())},
        {"FREE GPUS", p.freeGpus() + " of " + p.gpus()}});
  }

  static String members(List<PoolMember> members) {
    String row = "%-24s %-9s %-6s %-10s %-10s %10s %11s %9s  %s%n";
    StringBuilder sb = new StringBuilder(String.format(row, "NODE", "STATE", "STALE", "REGION", "ZONE", "FREE CPUS",
        "FREE MEMORY", "FREE GPUS", "LABELS"));
    for (PoolMember m : members) {
      String state = m.cordoned() ? m.state() + ",cordoned" : m.state();
      sb.append(String.format(row, m.nodeId() + (m.local() ? " (this)" : ""), state, m.stale() ? "yes" : "no",
          Tables.orDash(m.region()), Tables.orDash(m.zone()), cpus(m.freeNanoCpus()), mib(m.freeMemoryBytes()),
          m.freeGpus() + "/" + m.gpus(), m.labels().isEmpty() ? "-" : selector(m.labels())));
    }
    return sb.toString();
  }

  /** {@code gpu_model=A100+region=eu}: as it is configured, keys in order. */
  private static String selector(Map<String, String> terms) {
    return new TreeMap<>(terms).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("+"));
  }

  private static String cpus(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%d MiB", bytes >> 20);
  }
}
