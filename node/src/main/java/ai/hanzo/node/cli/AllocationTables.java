package ai.hanzo.node.cli;

import static ai.hanzo.node.cli.Tables.labelled;

import ai.hanzo.node.client.Allocation;
import java.util.List;
import java.util.stream.Collectors;

/** The table form of a node's answers about allocations. */
final class AllocationTables {
  private AllocationTables() {}

  static String allocations(List<Allocation> allocations) {
    String row = "%-22s %-8s %5s %-10s %-10s %-21s  %s%n";
    StringBuilder sb = new StringBuilder(String.format(row, "ALLOCATION", "STATE", "NODES", "CPUS", "MEMORY",
        "EXPIRES", "POOL"));
    for (Allocation a : allocations) {
      sb.append(String.format(row, a.id(), a.state(), a.nodes().size(), Tables.orDash(a.cpus()),
          Tables.orDash(a.memory()), a.expiresAt(), Tables.orDash(a.pool())));
    }
    return sb.toString();
  }

  static String allocation(Allocation a) {
    String each = "cpus " + Tables.orDash(a.cpus()) + ", memory " + Tables.orDash(a.memory()) + ", gpus " + a.gpus()
        + (a.gpuModel().isEmpty() ? "" : " (" + a.gpuModel() + ")");
    return labelled(new String[][] {
        {"ALLOCATION", a.id()},
        {"STATE", a.state()},
        {"POOL", Tables.orDash(a.pool())},
        {"REGION", Tables.orDash(a.region())},
        {"EACH NODE", each},
        {"CREATED", a.createdAt()},
        {"EXPIRES", a.expiresAt()}}) + nodes(a.nodes());
  }

  static String released(Allocation.Released r) {
    return allocation(r.allocation()) + r.message() + System.lineSeparator();
  }

  private static String nodes(List<Allocation.Held> nodes) {
    String row = "%-24s %-54s %-8s %s%n";
    StringBuilder sb = new StringBuilder(System.lineSeparator())
        .append(String.format(row, "NODE", "PEER", "GPUS", "USED BY"));
    for (Allocation.Held n : nodes) {
      sb.append(String.format(row, n.nodeId(), n.peerId(),
          n.gpus().isEmpty() ? "-" : n.gpus().stream().collect(Collectors.joining(",")), Tables.orDash(n.usedBy())));
    }
    return sb.toString();
  }
}
