package ai.hanzo.node.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run. {@code image} is an image name for image-based runtimes and empty (or {@code "process"}) for the
 * process runtime; {@code entrypoint} followed by {@code command} form the argument vector. {@code env} is the whole
 * environment of the container (nothing of the node's own environment leaks in). {@code logDir} may be null: the
 * runtime then keeps the logs in the container's directory.
 */
public record ContainerSpec(String name, String image, List<String> entrypoint, List<String> command,
    Map<String, String> env, String workingDir, Map<String, String> labels, ResourceLimits limits,
    List<VolumeMount> volumes, NetworkMode network, Path logDir) {

  public ContainerSpec {
    Objects.requireNonNull(name, "name");
    image = image == null ? "" : image;
    entrypoint = List.copyOf(entrypoint == null ? List.of() : entrypoint);
    command = List.copyOf(command == null ? List.of() : command);
    env = Map.copyOf(env == null ? Map.of() : env);
    workingDir = workingDir == null ? "" : workingDir;
    labels = Map.copyOf(labels == null ? Map.of() : labels);
    limits = limits == null ? ResourceLimits.NONE : limits;
    volumes = List.copyOf(volumes == null ? List.of() : volumes);
    network = network == null ? NetworkMode.HOST : network;
  }

  /** A spec with only a name, an image and a command; the rest defaults. */
  public static ContainerSpec of(String name, String image, List<String> command) {
    return new ContainerSpec(name, image, List.of(), command, Map.of(), "", Map.of(), ResourceLimits.NONE,
        List.of(), NetworkMode.HOST, null);
  }

  /** The argument vector: entrypoint then command. */
  public List<String> argv() {
    List<String> argv = new java.util.ArrayList<>(entrypoint);
    argv.addAll(command);
    return List.copyOf(argv);
  }

  public ContainerSpec withLabels(Map<String, String> newLabels) {
    return new ContainerSpec(name, image, entrypoint, command, env, workingDir, newLabels, limits, volumes, network,
        logDir);
  }

  public ContainerSpec withEnv(Map<String, String> newEnv) {
    return new ContainerSpec(name, image, entrypoint, command, newEnv, workingDir, labels, limits, volumes, network,
        logDir);
  }

  public ContainerSpec withLimits(ResourceLimits newLimits) {
    return new ContainerSpec(name, image, entrypoint, command, env, workingDir, labels, newLimits, volumes, network,
        logDir);
  }

  public ContainerSpec withVolumes(List<VolumeMount> newVolumes) {
    return new ContainerSpec(name, image, entrypoint, command, env, workingDir, labels, limits, newVolumes, network,
        logDir);
  }

  public ContainerSpec withWorkingDir(String newWorkingDir) {
    return new ContainerSpec(name, image, entrypoint, command, env, newWorkingDir, labels, limits, volumes, network,
        logDir);
  }
}
