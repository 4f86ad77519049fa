package ai.hanzo.node.p2p.placement;

import java.time.Duration;

/**
 * What a placing node asks of the target on {@code /hanzo/deploy/1.0.0}. The caller's subject and org are who asked
 * the placing node: audited by the target, and the org owns the deployment there; they never authorize (the target
 * authorizes the sending peer).
 */
public sealed interface DeployCall {
  String callerSubject();

  String callerOrg();

  /**
   * Run this deployment here. {@code request} is a serialized {@code hanzo.node.v1.DeployRequest}.
   *
   * @param leaseEpoch the lease epoch the placing node grants ({@link LeaseRules}); 0: no lease
   */
  record Deploy(byte[] request, String callerSubject, String callerOrg, long leaseEpoch, String allocationId)
      implements DeployCall {
    public Deploy {
      request = request.clone();
      if (leaseEpoch < 0) {
        throw new IllegalArgumentException("lease epoch must not be negative");
      }
    }

    /** A deployment not into an allocation ({@code allocationId} empty). */
    public Deploy(byte[] request, String callerSubject, String callerOrg, long leaseEpoch) {
      this(request, callerSubject, callerOrg, leaseEpoch, "");
    }

    public Deploy(byte[] request, String callerSubject, String callerOrg) {
      this(request, callerSubject, callerOrg, 0);
    }

    @Override
    public byte[] request() {
      return request.clone();
    }
  }

  /**
   * The sending peer took the lease of {@code epoch} (and older) on this deployment away: stop and remove the copy
   * held under it. The caller fields are empty: the placing node acts on its own.
   */
  record Release(String deploymentId, long epoch, String reason, String callerSubject, String callerOrg)
      implements DeployCall {}

  /**
   * Stop, remove or scale a deployment the sending peer placed here, for the placing node's caller. {@code request} is
   * a serialized {@code hanzo.node.v1.StopRequest}, {@code RemoveRequest} or {@code ScaleRequest}, by {@code kind}.
   */
  record Manage(Kind kind, String deploymentId, byte[] request, String callerSubject, String callerOrg)
      implements DeployCall {
    public Manage {
      request = request.clone();
    }

    @Override
    public byte[] request() {
      return request.clone();
    }

    /** What a caller of the placing node asks of a deployment placed elsewhere. */
    public enum Kind { STOP, REMOVE, SCALE }
  }

  /** The status of a deployment the sending peer placed here. */
  record Status(String deploymentId, String callerSubject, String callerOrg) implements DeployCall {}

  /**
   * Hold capacity for the allocation {@code allocationId} the sending peer makes, for {@code ttl} from when the
   * target receives it (no clock is shared), owned by the caller's org.
   */
  record Reserve(String allocationId, long nanoCpus, long memoryBytes, int replicas, int gpus, Duration ttl,
      String callerSubject, String callerOrg) implements DeployCall {}

  /** Give back the hold of {@code allocationId} the sending peer made here. */
  record Unreserve(String allocationId, String callerSubject, String callerOrg) implements DeployCall {}
}
