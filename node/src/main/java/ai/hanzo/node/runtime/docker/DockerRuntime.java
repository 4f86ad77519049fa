package ai.hanzo.node.runtime.docker;

import ai.hanzo.node.runtime.Availability;
import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.ContainerStats;
import ai.hanzo.node.runtime.ExecOutput;
import ai.hanzo.node.runtime.ExecSession;
import ai.hanzo.node.runtime.ExecSpec;
import ai.hanzo.node.runtime.LogConsumer;
import ai.hanzo.node.runtime.LogQuery;
import ai.hanzo.node.runtime.LogSubscription;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import ai.hanzo.node.runtime.VolumeMount;
import ai.hanzo.node.runtime.host.ContainerIds;
import ai.hanzo.node.runtime.host.Signals;
import ai.hanzo.node.runtime.host.StopSequence;
import ai.hanzo.node.runtime.host.VolumePaths;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.StatisticNetworksConfig;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs containers through the Docker Engine API (Docker, or Podman's compatible service). The engine keeps state and
 * logs, so containers survive node restarts by themselves; this node's containers carry an owner label and
 * {@link #list} sees only those. Logs are the engine's (the spec's log dir does not apply).
 */
public final class DockerRuntime implements ContainerRuntime {
  private final DockerRuntimeConfig config;
  private final DockerClient client;
  private final Clock clock = Clock.systemUTC();

  public DockerRuntime(DockerRuntimeConfig config) {
    this.config = config;
    DefaultDockerClientConfig clientConfig = new DefaultDockerClientConfig.Builder()
        .withDockerHost(config.dockerHost().toString()).build();
    ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder().dockerHost(config.dockerHost())
        .connectionTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofMinutes(5)).maxConnections(50).build();
    this.client = DockerClientImpl.getInstance(clientConfig, http);
  }

  @Override
  public String name() {
    return "docker";
  }

  @Override
  public Availability available() {
    try {
      client.pingCmd().exec();
      var version = client.versionCmd().exec();
      return Availability.yes("Docker API " + version.getApiVersion() + " (engine " + version.getVersion()
          + ") at " + config.dockerHost());
    } catch (RuntimeException e) {
      return Availability.no("no Docker API answers at " + config.dockerHost() + ": " + e.getMessage());
    }
  }

  @Override
  public String create(ContainerSpec requested) {
    ContainerSpec spec = requested.withLimits(requested.limits().withDefaultPids(config.defaultPidsLimit()));
    if (!ContainerIds.isValidName(spec.name())) {
      throw ContainerRuntimeException.invalidSpec("container name '" + spec.name() + "' must be 1-128 letters, "
          + "digits, '_', '.' or '-', starting with a letter or digit");
    }
    if (spec.image().isEmpty()) {
      throw ContainerRuntimeException.invalidSpec("the docker runtime needs an image");
    }
    VolumePaths.check(spec, config.dataDir());
    if (nameTaken(spec.name())) {
      throw new ContainerRuntimeException(RuntimeErrorCode.CONFLICT, "a container named '" + spec.name()
          + "' already exists in the engine");
    }
    for (VolumeMount volume : spec.volumes()) {
      try {
        Files.createDirectories(config.dataDir().resolve(volume.hostPath()));
      } catch (IOException e) {
        throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot create volume dir " + volume.hostPath(), e);
      }
    }
    try {
      return DockerErrors.call("create container " + spec.name(), () -> DockerContainerSpecs.apply(
          client.createContainerCmd(spec.image()), spec, config.owner(), config.dataDir()).exec().getId());
    } catch (ContainerRuntimeException e) {
      if (e.code() == RuntimeErrorCode.NOT_FOUND) {
        throw new ContainerRuntimeException(RuntimeErrorCode.NOT_FOUND, "image '" + spec.image()
            + "' not found in the engine; pull or load it first", e);
      }
      throw e;
    }
  }

  private boolean nameTaken(String name) {
    try {
      DockerErrors.call("inspect " + name, () -> client.inspectContainerCmd(name).exec());
      return true;
    } catch (ContainerRuntimeException e) {
      if (e.code() == RuntimeErrorCode.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void start(String id) {
    if (inspect(id).running()) {
      return;
    }
    DockerErrors.run("start " + id, () -> client.startContainerCmd(id).exec());
  }

  @Override
  public void stop(String id, Duration grace) {
    StopSequence.stop(id, grace, () -> inspect(id).running(), name -> signal(id, name));
  }

  @Override
  public void kill(String id, String signal) {
    int number = Signals.number(signal);
    if (!inspect(id).running()) {
      throw new ContainerRuntimeException(RuntimeErrorCode.CONFLICT, "container " + id + " is not running");
    }
    signal(id, Integer.toString(number));
  }

  private void signal(String id, String signal) {
    try {
      DockerErrors.run("kill " + id, () -> client.killContainerCmd(id).withSignal(signal).exec());
    } catch (ContainerRuntimeException e) {
      if (inspect(id).running()) {
        throw e;
      }
    }
  }

  @Override
  public void remove(String id) {
    if (inspect(id).running()) {
      throw new ContainerRuntimeException(RuntimeErrorCode.CONFLICT, "container " + id
          + " is running; stop it before removing it");
    }
    DockerErrors.run("remove " + id, () -> client.removeContainerCmd(id).exec());
  }

  @Override
  public ContainerState inspect(String id) {
    return DockerStates.from(inspected(id));
  }

  /** The engine's view of one of this node's containers. */
  private InspectContainerResponse inspected(String id) {
    InspectContainerResponse response = DockerErrors.call("inspect " + id,
        () -> client.inspectContainerCmd(id).exec());
    Map<String, String> labels = response.getConfig().getLabels();
    if (labels == null || !config.owner().equals(labels.get(DockerRuntimeConfig.OWNER_LABEL))) {
      throw ContainerRuntimeException.notFound(id);
    }
    return response;
  }

  @Override
  public List<ContainerState> list(Map<String, String> labelFilter) {
    Map<String, String> filter = new HashMap<>(labelFilter);
    filter.put(DockerRuntimeConfig.OWNER_LABEL, config.owner());
    List<Container> containers = DockerErrors.call("list containers",
        () -> client.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec());
    List<ContainerState> states = new ArrayList<>();
    for (Container container : containers) {
      try {
        states.add(inspect(container.getId()));
      } catch (ContainerRuntimeException e) {
        if (e.code() != RuntimeErrorCode.NOT_FOUND) {
          throw e;
        }
      }
    }
    return states;
  }

  @Override
  public LogSubscription logs(String id, LogQuery query, LogConsumer consumer) {
    String containerId = inspect(id).id();
    LogContainerCmd command = client.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
        .withTimestamps(true).withFollowStream(query.follow());
    if (query.tail() > 0) {
      command.withTail(query.tail());
    }
    if (query.since() != null) {
      command.withSince((int) query.since().getEpochSecond());
    }
    return DockerErrors.call("logs of " + id, () -> command.exec(new DockerLogSubscription(query, consumer, clock)));
  }

  @Override
  public ContainerStats stats(String id) {
    InspectContainerResponse inspected = inspected(id);
    ContainerState state = DockerStates.from(inspected);
    String networkMode = inspected.getHostConfig() == null ? null : inspected.getHostConfig().getNetworkMode();
    if (!state.running()) {
      return new ContainerStats(state.id(), 0, 0, 0);
    }
    CompletableFuture<Statistics> first = new CompletableFuture<>();
    var callback = client.statsCmd(state.id()).withNoStream(true).exec(
        new com.github.dockerjava.api.async.ResultCallback.Adapter<Statistics>() {
          @Override
          public void onNext(Statistics statistics) {
            first.complete(statistics);
          }

          @Override
          public void onError(Throwable throwable) {
            first.completeExceptionally(throwable);
          }
        });
    try (callback) {
      Statistics statistics = first.get(30, TimeUnit.SECONDS);
      long[] network = network(networkMode, statistics.getNetworks());
      return new ContainerStats(state.id(), orZero(statistics.getCpuStats().getCpuUsage().getTotalUsage()),
          orZero(statistics.getMemoryStats().getUsage()), orZero(statistics.getPidsStats().getCurrent()), network[0],
          network[1]);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "interrupted reading stats of " + id, e);
    } catch (ExecutionException | TimeoutException | IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot read stats of " + id + ": " + e, e);
    }
  }

  @Override
  public ExecSession exec(String id, ExecSpec spec, ExecOutput output) {
    if (!inspect(id).running()) {
      throw new ContainerRuntimeException(RuntimeErrorCode.CONFLICT, "container " + id + " is not running");
    }
    List<String> env = new ArrayList<>();
    spec.env().forEach((key, value) -> env.add(key + "=" + value));
    String execId = DockerErrors.call("exec in " + id, () -> client.execCreateCmd(id).withCmd(
        spec.cmd().toArray(String[]::new)).withEnv(env).withTty(spec.tty()).withAttachStdout(true)
        .withAttachStderr(true).withAttachStdin(spec.stdin()).exec().getId());
    return DockerExecSession.start(config.dockerHost(), client, execId, spec.tty(), spec.size(),
        output);
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot close the Docker API client", e);
    }
  }

  /**
   * Bytes received and sent over a container's own interfaces (docker reports each but loopback). A container on the
   * host's network has none of its own: what docker would report there is the host's traffic, not the container's,
   * so nothing is reported. One without a network ({@code none}) has only loopback and sends nothing: zero.
   */
  private static long[] network(String mode, Map<String, StatisticNetworksConfig> networks) {
    if ("none".equals(mode)) {
      return new long[] {0, 0};
    }
    if (mode == null || mode.equals("host") || networks == null || networks.isEmpty()) {
      return new long[] {ContainerStats.UNREPORTED, ContainerStats.UNREPORTED};
    }
    long rx = 0;
    long tx = 0;
    for (StatisticNetworksConfig n : networks.values()) {
      rx += orZero(n.getRxBytes());
      tx += orZero(n.getTxBytes());
    }
    return new long[] {rx, tx};
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
