package ai.hanzo.node.compute;

import ai.hanzo.node.compute.DeploymentRequest.GpuRequest;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which GPUs each replica of a deployment gets. A replica asking for {@code count} GPUs gets that many that no other
 * replica, of this deployment or another running one, holds: two replicas never share a GPU unless asked. Asking
 * means naming them ({@code device_ids}): every replica of that service then gets the named GPUs, which must exist
 * and not be held by another deployment. A replica keeps the GPUs it had (the assignment is stored with the
 * deployment, so a restart or a scale keeps them) as long as they still fit its request. Stopped deployments hold no
 * GPUs.
 */
final class GpuAssignments {
  private GpuAssignments() {}

  /**
   * {@code wanted} with its replicas' GPUs, preferring {@code previous} (its last assignment).
   *
   * @throws NodeException RESOURCE_EXHAUSTED naming how many it asks for, who holds the others and how many are
   *     available to it
   */
  static Map<String, List<String>> assign(DesiredDeployment wanted, Map<String, List<String>> previous,
      List<DesiredDeployment> others, List<GpuDevice> gpus) {
    return assign(wanted, previous, others, gpus, Set.of());
  }

  /** As above, never handing out {@code heldElsewhere}: the GPUs allocations keep ({@link CapacityHold}). */
  static Map<String, List<String>> assign(DesiredDeployment wanted, Map<String, List<String>> previous,
      List<DesiredDeployment> others, List<GpuDevice> gpus, Set<String> heldElsewhere) {
    Map<String, List<String>> assigned = new TreeMap<>();
    if (!wanted.running() || !asksForGpus(wanted)) {
      return assigned;
    }
    Set<String> heldByDeployments = new HashSet<>();
    for (DesiredDeployment d : others) {
      if (d.running() && !d.id().equals(wanted.id())) {
        d.gpus().values().forEach(heldByDeployments::addAll);
      }
    }
    Set<String> heldByOthers = new HashSet<>(heldElsewhere);
    heldByOthers.addAll(heldByDeployments);
    List<String> indexes = gpus.stream().map(GpuDevice::index).toList();
    Set<String> exclusive = new HashSet<>();
    for (var service : new TreeMap<>(wanted.request().project().services()).entrySet()) {
      DeploymentRequest.Resources r = service.getValue().reservations();
      if (r == null || r.gpus().isEmpty()) {
        continue;
      }
      String field = "spec.services." + service.getKey() + ".deploy.resources.reservations.devices";
      List<String> named = named(r.gpus(), gpus, heldByOthers, wanted.id(), field);
      int counted = counted(r.gpus(), gpus.size());
      for (int n = 1; n <= wanted.replicasOf(service.getKey()); n++) {
        String replica = new ReplicaName(wanted.id(), service.getKey(), n).containerName();
        Set<String> mine = new LinkedHashSet<>(named);
        List<String> before = previous.getOrDefault(replica, List.of());
        for (String index : before) {
          if (mine.size() - named.size() < counted && !named.contains(index) && indexes.contains(index)
              && !heldByOthers.contains(index) && !exclusive.contains(index)) {
            mine.add(index);
          }
        }
        for (String index : indexes) {
          if (mine.size() - named.size() >= counted) {
            break;
          }
          if (!mine.contains(index) && !named.contains(index) && !heldByOthers.contains(index)
              && !exclusive.contains(index)) {
            mine.add(index);
          }
        }
        if (mine.size() - named.size() < counted) {
          throw exhausted(wanted, previous, indexes, heldByDeployments, heldElsewhere);
        }
        mine.stream().filter(i -> !named.contains(i)).forEach(exclusive::add);
        assigned.put(replica, List.copyOf(mine));
      }
    }
    return assigned;
  }

  /** The GPUs of the replicas {@code d} still has (after a scale down): those of the removed ones are free. */
  static Map<String, List<String>> kept(DesiredDeployment d) {
    Set<String> replicas = new HashSet<>();
    d.replicas().forEach((service, count) -> {
      for (int n = 1; n <= count; n++) {
        replicas.add(new ReplicaName(d.id(), service, n).containerName());
      }
    });
    Map<String, List<String>> kept = new TreeMap<>(d.gpus());
    kept.keySet().retainAll(replicas);
    return kept;
  }

  /** GPUs every replica of {@code d} asks for, named or counted ({@code count: all} as the node's GPUs). */
  static long asked(DesiredDeployment d, int nodeGpus) {
    long total = 0;
    for (var service : d.request().project().services().entrySet()) {
      DeploymentRequest.Resources r = service.getValue().reservations();
      if (r != null) {
        long each = counted(r.gpus(), nodeGpus) + r.gpus().stream().mapToLong(g -> g.deviceIds().size()).sum();
        total += each * d.replicasOf(service.getKey());
      }
    }
    return total;
  }

  static boolean asksForGpus(DesiredDeployment d) {
    return d.request().project().services().values().stream()
        .anyMatch(s -> s.reservations() != null && !s.reservations().gpus().isEmpty());
  }

  private static int counted(List<GpuRequest> requests, int nodeGpus) {
    return requests.stream().mapToInt(g -> g.count() == GpuRequest.ALL ? Math.max(1, nodeGpus) : g.count()).sum();
  }

  /** The indexes of the named GPUs, each of which must be here and not held by another deployment. */
  private static List<String> named(List<GpuRequest> requests, List<GpuDevice> gpus, Set<String> heldByOthers,
      String deploymentId, String field) {
    List<String> indexes = new ArrayList<>();
    for (GpuRequest request : requests) {
      for (String id : request.deviceIds()) {
        GpuDevice gpu = gpus.stream().filter(g -> g.index().equals(id) || g.uuid().equals(id)).findFirst()
            .orElseThrow(() -> new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "deployment '" + deploymentId
                + "' asks for GPU '" + id + "' (" + field + ") but this node has " + describe(gpus),
                Map.of("deployment_id", deploymentId)));
        if (heldByOthers.contains(gpu.index())) {
          throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "deployment '" + deploymentId + "' asks for GPU '"
              + id + "' but another running deployment holds it", Map.of("deployment_id", deploymentId));
        }
        if (!indexes.contains(gpu.index())) {
          indexes.add(gpu.index());
        }
      }
    }
    return indexes;
  }

  /**
   * Says who holds what: a scale admits the whole deployment again, so the GPUs it already holds are free for this
   * request, and "2 of them are free" alone read as if 2 more were there for the taking.
   */
  private static NodeException exhausted(DesiredDeployment wanted, Map<String, List<String>> previous,
      List<String> indexes, Set<String> heldByDeployments, Set<String> heldByAllocations) {
    Set<String> others = new HashSet<>(indexes);
    others.retainAll(heldByDeployments);
    Set<String> kept = new HashSet<>(indexes);
    kept.retainAll(heldByAllocations);
    kept.removeAll(others);
    Set<String> own = new HashSet<>();
    previous.values().forEach(own::addAll);
    own.retainAll(indexes);
    own.removeAll(others);
    own.removeAll(kept);
    int total = indexes.size();
    int free = total - others.size() - kept.size();
    return new NodeException(ErrorCode.RESOURCE_EXHAUSTED, String.format(Locale.ROOT,
        "deployment '%s' asks for %d GPUs (all its replicas together) but this node has %d GPUs: %d held by other"
            + " deployments, %d kept by allocations, so at most %d are available to it (%d of them it holds"
            + " already)", wanted.id(), asked(wanted, total), total, others.size(), kept.size(), free, own.size()),
        Map.of("deployment_id", wanted.id()));
  }

  private static String describe(List<GpuDevice> gpus) {
    if (gpus.isEmpty()) {
      return "no GPU";
    }
    return "GPUs " + String.join(", ", gpus.stream().map(g -> g.index() + (g.uuid().isEmpty() ? "" : " ("
        + g.uuid() + ")")).toList());
  }
}
