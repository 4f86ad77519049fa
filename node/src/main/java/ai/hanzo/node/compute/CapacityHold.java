package ai.hanzo.node.compute;

import java.time.Instant;
import java.util.List;

/**
 * Capacity this node keeps for an allocation another node (or this one) made: CPUs, memory, replica slots and
 * concrete GPUs no deployment may take until it expires or a deployment naming the allocation uses it. A used hold
 * no longer counts (the deployment it became counts itself) but is kept until it expires, so the allocation shows
 * {@code used}.
 *
 * @param org the organisation it was made for; empty for none (only callers of no organisation, or who see all, may
 *     see, use or release it)
 * @param placerPeerId the peer that asked for it (this node's own PeerId when made here); only it may release it
 * @param gpus the indexes of the GPUs it holds
 * @param usedBy the deployment that used it; empty while it waits
 */
public record CapacityHold(String id, String org, String placerPeerId, long nanoCpus, long memoryBytes, int replicas,
    List<String> gpus, Instant createdAt, Instant expiresAt, String usedBy) {
  public CapacityHold {
    gpus = List.copyOf(gpus);
    if (nanoCpus < 0 || memoryBytes < 0 || replicas < 0) {
      throw new IllegalArgumentException("a hold reserves no negative amount");
    }
  }

  public boolean used() {
    return !usedBy.isEmpty();
  }

  public boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** Still keeps capacity from others: neither used nor expired. */
  public boolean holding(Instant now) {
    return !used() && !expired(now);
  }

  /** The org as {@link Tenant#sees} takes it: null for none. */
  public String ownerOrg() {
    return org.isEmpty() ? null : org;
  }

  CapacityHold usedBy(String deploymentId) {
    return new CapacityHold(id, org, placerPeerId, nanoCpus, memoryBytes, replicas, gpus, createdAt, expiresAt,
        deploymentId);
  }
}
