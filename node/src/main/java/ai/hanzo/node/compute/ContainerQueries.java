package ai.hanzo.node.compute;

import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerState;
import ai.hanzo.node.runtime.ContainerStatus;
import ai.hanzo.node.runtime.ExecSpec;
import ai.hanzo.node.runtime.TerminalSize;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * ListContainers, InspectContainer and Exec over the containers of this node's deployments. Filters:
 * {@code label=KEY=VALUE} (or {@code label=KEY}), {@code deployment=ID}, {@code status=created|running|exited|dead}.
 * Without {@code all} (or a status filter) only running containers are listed, as {@code docker ps} does. Each call
 * shows only the containers its tenant sees ({@link Ownership}).
 */
final class ContainerQueries implements ContainerService {
  private final ContainerRuntime runtime;
  private final String nodeId;
  private final Function<String, Optional<DesiredDeployment>> deployments;
  private final ReplicaStates.Conditions conditions;

  ContainerQueries(ContainerRuntime runtime, String nodeId,
      Function<String, Optional<DesiredDeployment>> deployments, ReplicaStates.Conditions conditions) {
    this.runtime = runtime;
    this.nodeId = nodeId;
    this.deployments = deployments;
    this.conditions = conditions;
  }

  @Override
  public List<ContainerSummary> list(Tenant tenant, boolean all, Map<String, String> filters) {
    Map<String, String> labels = new HashMap<>();
    labels.put(ReplicaName.NODE_LABEL, nodeId);
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
    // One lookup per deployment and call, however many replicas it has.
    Map<String, Optional<DesiredDeployment>> owners = new HashMap<>();
    Predicate<ContainerState> wanted = keep.and(c -> anyStatus || c.running())
        .and(c -> Ownership.sees(tenant, c.labels(), id -> owners.computeIfAbsent(id, deployments)));
    try {
      return runtime.list(labels).stream().filter(wanted)
          .map(c -> summary(c, owners.computeIfAbsent(deploymentOf(c), deployments))).toList();
    } catch (ContainerRuntimeException e) {
      throw RuntimeErrors.toNode(e);
    }
  }

  @Override
  public ContainerSummary inspect(Tenant tenant, String containerId) {
    ContainerState c = find(tenant, containerId);
    return summary(c, deployments.apply(deploymentOf(c)));
  }

  @Override
  public ExecSession exec(Tenant tenant, String containerId, List<String> command, boolean tty, int rows, int cols,
      StreamSink<ExecChunk> output) {
    ContainerState c = find(tenant, containerId);
    try {
      TerminalSize size = rows == 0 && cols == 0 ? TerminalSize.DEFAULT : new TerminalSize(rows, cols);
      ExecRelay relay = new ExecRelay(output);
      return relay.attach(runtime.exec(c.id(), new ExecSpec(command, Map.of(), tty, true, size), relay.output()));
    } catch (ContainerRuntimeException e) {
      throw RuntimeErrors.toNode(e);
    }
  }

  /** By id, or else by name; only containers of this node's deployments that {@code tenant} sees. */
  private ContainerState find(Tenant tenant, String idOrName) {
    ContainerState c = find(idOrName);
    if (!Ownership.sees(tenant, c.labels(), deployments)) {
      throw NodeException.notFound("container", idOrName);
    }
    return c;
  }

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
    return runtime.list(Map.of(ReplicaName.NODE_LABEL, nodeId)).stream()
        .filter(c -> c.name().equals(idOrName)).findFirst()
        .orElseThrow(() -> NodeException.notFound("container", idOrName));
  }

  private boolean ours(ContainerState c) {
    return nodeId.equals(c.labels().get(ReplicaName.NODE_LABEL));
  }

  private static ContainerStatus status(String text) {
    try {
      return ContainerStatus.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw NodeException.invalidField("filters.status", "'" + text + "' is not created, running, exited or dead");
    }
  }

  private static String deploymentOf(ContainerState c) {
    return c.labels().getOrDefault(ReplicaName.DEPLOYMENT_LABEL, "");
  }

  /** The container with its replica's reason (why it waits, or how it ended) when it is one of a deployment's. */
  private ContainerSummary summary(ContainerState c, Optional<DesiredDeployment> deployment) {
    ContainerSummary plain = summary(c);
    return ReplicaName.fromLabels(c.labels())
        .map(r -> ReplicaStates.of(r, c, deployment.map(DesiredDeployment::running).orElse(false), conditions,
            (replica, container) -> container.running()))
        .map(r -> plain.withReason(r.reason(), r.message(), r.restartCount(), r.nextRetryEpochMillis()))
        .orElse(plain);
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
