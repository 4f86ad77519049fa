package ai.hanzo.node.compute;

import ai.hanzo.node.compute.DeploymentRequest.Resources;
import ai.hanzo.node.compute.DeploymentRequest.ServiceDefinition;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.runtime.ContainerSpec;
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
  private final Path volumesDir;

  public ReplicaSpecs(Path volumesDir) {
    this.volumesDir = volumesDir;
  }

  public ContainerSpec spec(DeploymentRequest request, ReplicaName replica, String nodeId) {
    String field = "spec.services." + replica.service();
    ServiceDefinition service = request.project().services().get(replica.service());
    Map<String, String> env = new HashMap<>(service.environment());
    env.putAll(request.environment());
    return new ContainerSpec(replica.containerName(), service.image(), service.entrypoint(), service.command(), env,
        "", replica.labels(nodeId), limits(service.limits(), field + ".deploy.resources.limits"),
        volumes(request.deploymentId(), service.volumes(), field + ".volumes"), NetworkMode.HOST, null);
  }

  /** Checks every service before anything is stored, so a bad spec is refused as a whole. */
  public void validate(DeploymentRequest request) {
    request.project().services().keySet().forEach(name -> {
      ReplicaName probe = new ReplicaName(request.deploymentId(), name, 1);
      spec(request, probe, "validate");
      RestartPolicy.parse(request.project().services().get(name).restart(), "spec.services." + name + ".restart");
    });
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
        ResourceQuantities.nanoCpus(resources.cpus(), field + ".cpus"), 0);
  }
}
