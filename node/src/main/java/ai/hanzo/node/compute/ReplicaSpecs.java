package ai.hanzo.node.compute;

import ai.hanzo.node.compute.DeploymentRequest.ComposeProject;
import ai.hanzo.node.compute.DeploymentRequest.NetworkDefinition;
import ai.hanzo.node.compute.DeploymentRequest.Resources;
import ai.hanzo.node.compute.DeploymentRequest.ServiceDefinition;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.NetworkMode;
import ai.hanzo.node.runtime.ResourceLimits;
import ai.hanzo.node.runtime.VolumeMount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one service of a deployment into the {@link ContainerSpec} of one replica. The environment is the
 * service's, overlaid by the request's; named volumes live under {@code <volumesDir>/<deployment>/<name>}; host
 * paths are refused because a deployment must not reach outside the node's data directory.
 */
public final class ReplicaSpecs {
  /** The ports a replica listens on ({@code 8080/tcp,53/udp}), for ContainerInfo. */
  public static final String PORTS_LABEL = "ai.hanzo.ports";
  /** A hash of what the replica was made from: replicas whose hash differs from the spec's are replaced. */
  public static final String SPEC_LABEL = "ai.hanzo.spec";
  /** The GPUs a replica was given ({@code 0,3}); absent when none. A replica whose GPUs differ is replaced. */
  public static final String GPUS_LABEL = "ai.hanzo.gpus";

  private final Path volumesDir;

  public ReplicaSpecs(Path volumesDir) {
    this.volumesDir = volumesDir;
  }

  /** The spec of {@code replica} with the GPUs admission assigned it. */
  public ContainerSpec spec(DesiredDeployment desired, ReplicaName replica, String nodeId) {
    ContainerSpec spec = spec(desired.request(), replica, nodeId);
    List<String> gpus = desired.gpusOf(replica);
    if (gpus.isEmpty()) {
      return spec;
    }
    Map<String, String> labels = new HashMap<>(spec.labels());
    labels.put(GPUS_LABEL, String.join(",", gpus));
    return spec.withLimits(spec.limits().withGpus(gpus)).withLabels(labels);
  }

  public ContainerSpec spec(DeploymentRequest request, ReplicaName replica, String nodeId) {
    String field = "spec.services." + replica.service();
    ServiceDefinition service = request.project().services().get(replica.service());
    Map<String, String> env = new HashMap<>(service.environment());
    env.putAll(request.environment());
    Map<String, String> labels = new HashMap<>(replica.labels(nodeId));
    labels.put(SPEC_LABEL, SpecHashes.of(request, replica.service()));
    List<String> ports = ServicePorts.parse(service.ports(), field + ".ports");
    if (!ports.isEmpty()) {
      labels.put(PORTS_LABEL, String.join(",", ports));
    }
    return new ContainerSpec(replica.containerName(), service.image(), service.entrypoint(), service.command(), env,
        "", labels, limits(service.limits(), field + ".deploy.resources.limits"),
        volumes(request.deploymentId(), service.volumes(), field + ".volumes"),
        networkMode(request.project(), service, field + ".networks"), null);
  }

  /**
   * Replicas share the host's network: a service whose networks all have the {@code none} driver gets no network;
   * {@code bridge} (the default) and {@code host} networks mean the host's. Drivers this node cannot provide
   * (overlay, macvlan, ...) and external networks are refused, as is a network the project does not declare.
   */
  private static NetworkMode networkMode(ComposeProject project, ServiceDefinition service, String field) {
    boolean hostNetwork = service.networks().isEmpty();
    for (String name : service.networks()) {
      NetworkDefinition n = project.networks().get(name);
      if (n == null && !name.equals("default")) {
        throw NodeException.invalidField(field, "network '" + name + "' is not declared under networks");
      }
      hostNetwork |= n == null || !driver(name, n).equals("none");
    }
    return hostNetwork ? NetworkMode.HOST : NetworkMode.NONE;
  }

  private static String driver(String name, NetworkDefinition n) {
    String driver = n.driver() == null || n.driver().isEmpty() ? "bridge" : n.driver();
    if (n.external()) {
      throw NodeException.invalidField("spec.networks." + name, "external networks are not supported on this node");
    }
    if (!driver.equals("bridge") && !driver.equals("host") && !driver.equals("none")) {
      throw NodeException.invalidField("spec.networks." + name + ".driver", "'" + driver + "' is not supported on"
          + " this node; use bridge, host or none (replicas share the host's network)");
    }
    return driver;
  }

  /** Checks every service before anything is stored, so a bad spec is refused as a whole. */
  public void validate(DeploymentRequest request) {
    request.project().networks().forEach(ReplicaSpecs::driver);
    request.project().services().keySet().forEach(name -> {
      ReplicaName probe = new ReplicaName(request.deploymentId(), name, 1);
      spec(request, probe, "validate");
      RestartPolicy.parse(request.project().services().get(name).restart(), "spec.services." + name + ".restart");
    });
  }

  /** Whether {@code c} was made from an older spec of its service (containers from before hashes count as current). */
  static boolean outdated(DesiredDeployment desired, ReplicaName replica, ContainerState c) {
    // A stopped deployment started again may get other GPUs than its exited containers were made with.
    String gpus = String.join(",", desired.gpusOf(replica));
    return outdated(desired.request(), replica, c) || !gpus.equals(c.labels().getOrDefault(GPUS_LABEL, ""));
  }

  static boolean outdated(DeploymentRequest request, ReplicaName replica, ContainerState c) {
    String made = c.labels().get(SPEC_LABEL);
    return made != null && request.project().services().containsKey(replica.service())
        && !made.equals(SpecHashes.of(request, replica.service()));
  }

  public Path volumeDir(String deploymentId) {
    return volumesDir.resolve(deploymentId);
  }

  private List<VolumeMount> volumes(String deploymentId, List<String> volumes, String field) {
    List<VolumeMount> mounts = new ArrayList<>();
    for (int i = 0; i < volumes.size(); i++) {
      String[] parts = volumes.get(i).split(":");
      String where = field + "[" + i + "]";
      if (parts.length < 2 || parts.length > 3 || !parts[0].matches("[A-Za-z0-9][A-Za-z0-9_.-]*")
          || !parts[1].startsWith("/")) {
        throw NodeException.invalidField(where, "'" + volumes.get(i)
            + "' is not NAME:/container/path[:ro]; host paths are not allowed, use a named volume");
      }
      boolean readOnly = parts.length == 3 && parts[2].equals("ro");
      if (parts.length == 3 && !readOnly && !parts[2].equals("rw")) {
        throw NodeException.invalidField(where, "mode '" + parts[2] + "' must be ro or rw");
      }
      mounts.add(new VolumeMount(volumeDir(deploymentId).resolve(parts[0]), parts[1], readOnly));
    }
    return mounts;
  }

  static ResourceLimits limits(Resources resources, String field) {
    if (resources == null) {
      return ResourceLimits.NONE;
    }
    return new ResourceLimits(ResourceQuantities.memoryBytes(resources.memory(), field + ".memory"),
        ResourceQuantities.nanoCpus(resources.cpus(), field + ".cpus"), resources.pids());
  }
}
