package ai.hanzo.node.runtime.docker;

import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.NetworkMode;
import ai.hanzo.node.runtime.VolumeMount;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fills a create call from a spec: argv, env, labels (plus our owner label), limits, network and binds. */
final class DockerContainerSpecs {
  private DockerContainerSpecs() {}

  static CreateContainerCmd apply(CreateContainerCmd create, ContainerSpec spec, String owner, Path dataDir) {
    Map<String, String> labels = new HashMap<>(spec.labels());
    labels.put(DockerRuntimeConfig.OWNER_LABEL, owner);
    List<String> env = new ArrayList<>();
    spec.env().forEach((key, value) -> env.add(key + "=" + value));
    List<Bind> binds = new ArrayList<>();
    for (VolumeMount volume : spec.volumes()) {
      Path host = dataDir.resolve(volume.hostPath()).toAbsolutePath().normalize();
      binds.add(new Bind(host.toString(), new Volume(volume.containerPath()),
          volume.readOnly() ? AccessMode.ro : AccessMode.rw));
    }
    HostConfig host = HostConfig.newHostConfig()
        .withNetworkMode(spec.network() == NetworkMode.NONE ? "none" : "host")
        .withBinds(binds);
    if (spec.limits().memoryBytes() > 0) {
      // swap equal to memory: the limit bounds the container instead of pushing it into swap
      host.withMemory(spec.limits().memoryBytes()).withMemorySwap(spec.limits().memoryBytes());
    }
    if (spec.limits().nanoCpus() > 0) {
      host.withNanoCPUs(spec.limits().nanoCpus());
    }
    if (spec.limits().pids() > 0) {
      host.withPidsLimit(spec.limits().pids());
    }
    if (!spec.limits().gpus().isEmpty()) {
      // What `docker run --gpus device=0,1` sends: the NVIDIA container toolkit gives the container those GPUs.
      host.withDeviceRequests(List.of(new com.github.dockerjava.api.model.DeviceRequest().withDriver("nvidia")
          .withDeviceIds(spec.limits().gpus()).withCapabilities(List.of(List.of("gpu")))));
    }
    create.withName(spec.name()).withLabels(labels).withEnv(env).withHostConfig(host);
    if (!spec.entrypoint().isEmpty()) {
      create.withEntrypoint(spec.entrypoint());
    }
    if (!spec.command().isEmpty()) {
      create.withCmd(spec.command());
    }
    if (!spec.workingDir().isEmpty()) {
      create.withWorkingDir(spec.workingDir());
    }
    return create;
  }
}
