package ai.hanzo.node.compute;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the engine converges a deployment to: the request as deployed, the replica count per service (changed by
 * Scale), whether it should run at all (changed by Stop), and the GPUs admission assigned to its replicas (by
 * container name, GPU indexes; empty for a deployment that asks for none).
 */
public record DesiredDeployment(DeploymentRequest request, Map<String, Integer> replicas, boolean running,
    Map<String, List<String>> gpus) {
  /** Most replicas one service may ask for, at Deploy and Scale alike (the node as a whole has its own limit). */
  public static final int MAX_REPLICAS = 1000;

  public DesiredDeployment {
    replicas = Map.copyOf(replicas);
    Map<String, List<String>> copy = new TreeMap<>();
    (gpus == null ? Map.<String, List<String>>of() : gpus).forEach((k, v) -> copy.put(k, List.copyOf(v)));
    gpus = java.util.Collections.unmodifiableMap(copy);
  }

  public DesiredDeployment(DeploymentRequest request, Map<String, Integer> replicas, boolean running) {
    this(request, replicas, running, Map.of());
  }

  /** The GPUs of one replica (its container name); empty when it has none. */
  public List<String> gpusOf(ReplicaName replica) {
    return gpus.getOrDefault(replica.containerName(), List.of());
  }

  public DesiredDeployment withGpus(Map<String, List<String>> assigned) {
    return new DesiredDeployment(request, replicas, running, assigned);
  }

  /** A freshly deployed request: each service at its own replica count (at least one). */
  public static DesiredDeployment of(DeploymentRequest request) {
    Map<String, Integer> replicas = new TreeMap<>();
    request.project().services().forEach((name, service) -> replicas.put(name, Math.max(1, service.replicas())));
    return new DesiredDeployment(request, replicas, true);
  }

  public String id() {
    return request.deploymentId();
  }

  public int replicasOf(String service) {
    return running ? replicas.getOrDefault(service, 0) : 0;
  }

  public int totalReplicas() {
    return replicas.values().stream().mapToInt(Integer::intValue).sum();
  }

  public DesiredDeployment withReplicas(String service, int count) {
    Map<String, Integer> changed = new TreeMap<>(replicas);
    changed.put(service, count);
    return new DesiredDeployment(request, changed, running, gpus);
  }

  public DesiredDeployment withRunning(boolean nowRunning) {
    return new DesiredDeployment(request, replicas, nowRunning, gpus);
  }
}
