package ai.hanzo.node.compute;

import java.util.List;

/**
 * CPUs (in billionths), memory and replicas, as admission counts them: what a deployment reserves, or what a node
 * has left unreserved next to its running deployments (what its heartbeat tells placing nodes).
 */
public record Reservations(long nanoCpus, long memoryBytes, long replicas) {
  /** What {@code request} reserves when it runs: every service's reservations times its replicas. */
  public static Reservations of(DeploymentRequest request) {
    DesiredDeployment d = DesiredDeployment.of(request);
    return new Reservations(Admission.nanoCpus(d), Admission.memoryBytes(d), Admission.replicas(d));
  }

  /**
   * The GPUs {@code request} asks for, all replicas together, when it runs; {@code count: all} counts one (the least
   * any node it runs on must have).
   */
  public static long gpus(DeploymentRequest request) {
    return GpuAssignments.asked(DesiredDeployment.of(request), 1);
  }

  /** What {@code capacity} leaves unreserved next to the running deployments among {@code deployments}. */
  static Reservations free(NodeCapacity capacity, List<DesiredDeployment> deployments) {
    long cpus = 0;
    long memory = 0;
    long replicas = 0;
    for (DesiredDeployment d : deployments) {
      if (d.running()) {
        cpus += Admission.nanoCpus(d);
        memory += Admission.memoryBytes(d);
        replicas += Admission.replicas(d);
      }
    }
    return new Reservations(Math.max(0, capacity.nanoCpus() - cpus), Math.max(0, capacity.memoryBytes() - memory),
        Math.max(0, capacity.maxReplicas() - replicas));
  }
}
