package ai.hanzo.node.compute;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The arithmetic of holds next to the running deployments: what is free, whether a new hold fits (and which GPUs it
 * gets), whether a deployment fits the hold it names. Pure; the {@link Orchestrator} calls it under its change lock.
 */
final class NodeHolds {
  private NodeHolds() {}

  static Reservations free(NodeCapacity capacity, List<DesiredDeployment> deployments, HeldCapacity held) {
    Reservations free = Reservations.free(capacity, deployments);
    return new Reservations(Math.max(0, free.nanoCpus() - held.nanoCpus()),
        Math.max(0, free.memoryBytes() - held.memoryBytes()), Math.max(0, free.replicas() - held.replicas()));
  }

  /** The indexes of the GPUs neither a running deployment nor a hold keeps, in the node's order. */
  static List<String> freeGpus(List<GpuDevice> gpus, List<DesiredDeployment> deployments, HeldCapacity held) {
    Set<String> taken = new HashSet<>(held.gpus());
    deployments.stream().filter(DesiredDeployment::running).forEach(d -> d.gpus().values().forEach(taken::addAll));
    return gpus.stream().map(GpuDevice::index).filter(i -> !taken.contains(i)).toList();
  }

  /** The hold {@code r} asks for, if the node has it free; else RESOURCE_EXHAUSTED saying what is short. */
  static CapacityHold make(HoldRequest r, Instant now, List<CapacityHold> existing, NodeCapacity capacity,
      List<DesiredDeployment> deployments, List<GpuDevice> gpus, String nodeId) {
    check(r, now);
    List<CapacityHold> live = existing.stream().filter(h -> !h.expired(now)).toList();
    if (live.size() >= CapacityHolds.MAX_TOTAL) {
      throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "node " + nodeId + " keeps "
          + CapacityHolds.MAX_TOTAL + " allocations already");
    }
    if (live.stream().filter(h -> h.org().equals(r.org())).count() >= CapacityHolds.MAX_PER_ORG) {
      throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "organisation '" + r.org() + "' has "
          + CapacityHolds.MAX_PER_ORG + " allocations on node " + nodeId + " already; release one first");
    }
    HeldCapacity held = HeldCapacity.of(existing, now, null);
    Reservations free = free(capacity, deployments, held);
    List<String> short_ = new ArrayList<>();
    if (r.nanoCpus() > free.nanoCpus()) {
      short_.add(String.format(Locale.ROOT, "%.2f CPUs wanted, %.2f free", r.nanoCpus() / 1e9,
          free.nanoCpus() / 1e9));
    }
    if (r.memoryBytes() > free.memoryBytes()) {
      short_.add(String.format(Locale.ROOT, "%.1f MiB wanted, %.1f MiB free", r.memoryBytes() / 1048576.0,
          free.memoryBytes() / 1048576.0));
    }
    if (r.replicas() > free.replicas()) {
      short_.add(r.replicas() + " replica slots wanted, " + free.replicas() + " free");
    }
    List<String> freeGpus = freeGpus(gpus, deployments, held);
    if (r.gpus() > freeGpus.size()) {
      short_.add(r.gpus() + " GPUs wanted, " + freeGpus.size() + " free of " + gpus.size());
    }
    if (!short_.isEmpty()) {
      throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "node " + nodeId + " cannot hold allocation '" + r.id()
          + "': " + String.join("; ", short_), Map.of("node_id", nodeId));
    }
    return new CapacityHold(r.id(), r.org(), r.placerPeerId(), r.nanoCpus(), r.memoryBytes(), r.replicas(),
        freeGpus.subList(0, r.gpus()), now, r.expiresAt(), "");
  }

  private static void check(HoldRequest r, Instant now) {
    if (!CapacityHolds.ID.matcher(r.id()).matches()) {
      throw NodeException.invalidField("allocation_id", "must be 1 to 63 of a-z 0-9 -, starting with a letter or"
          + " digit");
    }
    if (r.org().length() > CapacityHolds.MAX_TEXT || r.placerPeerId().length() > CapacityHolds.MAX_TEXT) {
      throw NodeException.invalidField("caller_org", "org and peer id are at most " + CapacityHolds.MAX_TEXT
          + " characters");
    }
    if (r.nanoCpus() < 0 || r.memoryBytes() < 0 || r.replicas() < 1 || r.gpus() < 0
        || r.gpus() > CapacityHolds.MAX_GPUS) {
      throw NodeException.invalidField("resources", "CPUs and memory must not be negative, replicas at least 1, GPUs"
          + " 0 to " + CapacityHolds.MAX_GPUS);
    }
    if (!r.expiresAt().isAfter(now)) {
      throw NodeException.invalidField("expires_at", "is already past");
    }
  }

  /**
   * FAILED_PRECONDITION when the hold is expired or used, or {@code wanted} asks for more than it keeps (naming
   * what); {@code nodeGpus} counts {@code count: all}.
   */
  static void requireUsable(CapacityHold h, Instant now, DeploymentRequest wanted, int nodeGpus) {
    if (h.expired(now)) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, "allocation '" + h.id() + "' expired at "
          + h.expiresAt());
    }
    if (h.used()) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, "allocation '" + h.id() + "' is used by deployment '"
          + h.usedBy() + "' already");
    }
    Reservations need = Reservations.of(wanted);
    long needGpus = GpuAssignments.asked(DesiredDeployment.of(wanted), nodeGpus);
    List<String> over = new ArrayList<>();
    if (need.nanoCpus() > h.nanoCpus()) {
      over.add(String.format(Locale.ROOT, "%.2f CPUs (reserved %.2f)", need.nanoCpus() / 1e9, h.nanoCpus() / 1e9));
    }
    if (need.memoryBytes() > h.memoryBytes()) {
      over.add(String.format(Locale.ROOT, "%.1f MiB (reserved %.1f MiB)", need.memoryBytes() / 1048576.0,
          h.memoryBytes() / 1048576.0));
    }
    if (need.replicas() > h.replicas()) {
      over.add(need.replicas() + " replicas (reserved " + h.replicas() + ")");
    }
    if (needGpus > h.gpus().size()) {
      over.add(needGpus + " GPUs (reserved " + h.gpus().size() + ")");
    }
    if (!over.isEmpty()) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, "deployment '" + wanted.deploymentId()
          + "' asks for more than allocation '" + h.id() + "' reserved: " + String.join(", ", over),
          Map.of("deployment_id", wanted.deploymentId()));
    }
  }

  /**
   * The hold's GPUs handed to {@code d}'s replicas in order, as the "previous" assignment admission prefers, so a
   * deployment into a hold gets the very GPUs the hold kept.
   */
  static Map<String, List<String>> spread(DesiredDeployment d, CapacityHold h) {
    Map<String, List<String>> out = new TreeMap<>();
    int next = 0;
    for (var service : new TreeMap<>(d.request().project().services()).entrySet()) {
      DeploymentRequest.Resources r = service.getValue().reservations();
      if (r == null || r.gpus().isEmpty()) {
        continue;
      }
      int each = r.gpus().stream().mapToInt(g -> g.count() == DeploymentRequest.GpuRequest.ALL ? 0 : g.count())
          .sum();
      for (int n = 1; n <= d.replicasOf(service.getKey()); n++) {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < each && next < h.gpus().size(); i++) {
          mine.add(h.gpus().get(next++));
        }
        out.put(new ReplicaName(d.id(), service.getKey(), n).containerName(), mine);
      }
    }
    return out;
  }
}
