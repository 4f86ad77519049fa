package ai.hanzo.node.compute;

import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.ContainerStatus;
import ai.hanzo.node.runtime.ExecSpec;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * ListContainers, InspectContainer and Exec over the containers of this node's deployments. Filters:
 * {@code label=KEY=VALUE} (or {@code label=KEY}), {@code deployment=ID}, {@code status=created|running|exited|dead}.
 * Without {@code all} (or a status filter) only running containers are listed, as {@code docker ps} does.
 */
final class ContainerQueries implements ContainerService {
  private final ContainerRuntime runtime;
  private final Supplier<String> nodeId;

  ContainerQueries(ContainerRuntime runtime, Supplier<String> nodeId) {
    this.runtime = runtime;
    this.nodeId = nodeId;
  }

  @Override
  public List<ContainerSummary> list(boolean all, Map<String, String> filters) {
    Map<String, String> labels = new HashMap<>();
    labels.put(ReplicaName.NODE_LABEL, nodeId.get());
    Predicate<ContainerState> keep = c -> true;
    boolean statusGiven = false;
    for (Map.Entry<String, String> f : filters.entrySet()) {
      String value = f.getValue();
      switch (f.getKey()) {
        case "deployment" -> labels.put(ReplicaName.DEPLOYMENT_LABEL, value);
        case "label" -> {
          int eq = value.indexOf('=');
          if (eq < 0) {
            keep = keep.and(c -> c.labels().containsKey(value));
          } else {
            labels.put(value.substring(0, eq), value.substring(eq + 1));
          }
        }
        case "status" -> {
          ContainerStatus status = status(value);
          keep = keep.and(c -> c.status() == status);
          statusGiven = true;
        }
        default -> throw NodeException.invalidField("filters." + f.getKey(),
            "unknown filter; use label, deployment or status");
      }
    }
    // An explicit status filter wins over the running-only default.
    boolean anyStatus = all || statusGiven;
    Predicate<ContainerState> wanted = keep.and(c -> anyStatus || c.running());
    try {
      return runtime.list(labels).stream().filter(wanted).map(ContainerQueries::summary).toList();
    } catch (ContainerRuntimeException e) {
      throw RuntimeErrors.toNode(e);
    }
  }

  @Override
  public ContainerSummary inspect(String containerId) {
    return summary(find(containerId));
  }

  @Override
  public ExecSession exec(String containerId, List<String> command, boolean tty, StreamSink<ExecChunk> output) {
    ContainerState c = find(containerId);
    try {
      return new ExecRelay(runtime.exec(c.id(), new ExecSpec(command, Map.of(), tty, true),
          ExecRelay.output(output)), output);
    } catch (ContainerRuntimeException e) {
      throw RuntimeErrors.toNode(e);
    }
  }

  /** By id, or else by name; only containers of this node's deployments. */
  private ContainerState find(String idOrName) {
    try {
      ContainerState c = runtime.inspect(idOrName);
      if (ours(c)) {
        return c;
      }
    } catch (ContainerRuntimeException e) {
      if (e.code() != RuntimeErrorCode.NOT_FOUND) {
        throw RuntimeErrors.toNode(e);
      }
    }
    return runtime.list(Map.of(ReplicaName.NODE_LABEL, nodeId.get())).stream()
        .filter(c -> c.name().equals(idOrName)).findFirst()
        .orElseThrow(() -> NodeException.notFound("container", idOrName));
  }

  private boolean ours(ContainerState c) {
    return nodeId.get().equals(c.labels().get(ReplicaName.NODE_LABEL));
  }

  private static ContainerStatus status(String text) {
    try {
      return ContainerStatus.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw NodeException.invalidField("filters.status", "'" + text + "' is not created, running, exited or dead");
    }
  }

  private static ContainerSummary summary(ContainerState c) {
    String state = c.status().name().toLowerCase(Locale.ROOT);
    String status = switch (c.status()) {
      case RUNNING -> "Up since " + c.startedAt();
      case EXITED -> "Exited (" + c.exitCode().orElse(-1) + ") at " + c.finishedAt();
      case CREATED -> "Created";
      case DEAD -> "Dead";
    };
    return new ContainerSummary(c.id(), c.name(), c.image(), status, state,
        c.createdAt() == null ? 0 : c.createdAt().getEpochSecond(), ports(c), c.labels());
  }

  private static List<String> ports(ContainerState c) {
    String ports = c.labels().get(ReplicaSpecs.PORTS_LABEL);
    return ports == null || ports.isEmpty() ? List.of() : List.of(ports.split(","));
  }
}
