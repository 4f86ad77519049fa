package ai.hanzo.node.cli;

import static ai.hanzo.node.cli.Tables.labelled;
import static ai.hanzo.node.cli.Tables.message;
import static ai.hanzo.node.cli.Tables.orDash;
import static ai.hanzo.node.cli.Tables.state;

import ai.hanzo.node.client.Container;
import ai.hanzo.node.client.Deployed;
import ai.hanzo.node.client.Deployment;
import ai.hanzo.node.client.LogLine;
import ai.hanzo.node.client.Scaled;
import java.util.List;

/** The table form of the answers about deployments and containers. */
final class WorkloadTables {
  private WorkloadTables() {}

  static String deployed(Deployed r) {
    return labelled(new String[][] {
      {"DEPLOYMENT", r.deploymentId()},
      {"NODE", orDash(r.nodeId())},
      {"MESSAGE", r.message()},
      {"ENDPOINTS", r.endpoints().isEmpty() ? "-" : String.join(", ", r.endpoints())},
    });
  }

  /** One row per deployment; UP-TO-DATE (as kubectl's) counts the ready replicas of the current spec. */
  static String deployments(List<Deployment> deployments) {
    StringBuilder sb = new StringBuilder(String.format("%-24s %-20s %-16s %-12s %-7s %s%n", "DEPLOYMENT", "NAME",
        "NODE", "STATUS", "READY", "UP-TO-DATE"));
    for (Deployment d : deployments) {
      sb.append(String.format("%-24s %-20s %-16s %-12s %-7s %d%s%n", d.deploymentId(), d.name(),
          orDash(d.nodeId()), d.status(), d.readyReplicas() + "/" + d.replicas(), d.updatedReplicas(),
          waitingNote(d)));
    }
    return sb.toString();
  }

  /**
   * Why a deployment's replicas do not run, after its UP-TO-DATE column: the first replica waiting for something other
   * than its turn ({@code waiting: ImageNotFound}), and how many more wait.
   */
  private static String waitingNote(Deployment d) {
    List<Deployment.Replica> stuck = d.replicaStatuses().stream()
        .filter(s -> s.state().equals("waiting") && !s.reason().equals("Pending")
            && !s.reason().equals("ContainerCreating"))
        .toList();
    if (stuck.isEmpty()) {
      return "";
    }
    return "  " + state(stuck.get(0).state(), stuck.get(0).reason()) + " (" + stuck.get(0).name()
        + (stuck.size() > 1 ? " and " + (stuck.size() - 1) + " more" : "") + ")";
  }

  /** One deployment with each replica's state and, when it does not run, why. */
  static String deployment(Deployment d) {
    StringBuilder sb = new StringBuilder(labelled(new String[][] {
      {"DEPLOYMENT", d.deploymentId()},
      {"NAME", d.name()},
      {"NODE", orDash(d.nodeId())},
      {"STATUS", d.status()},
      {"READY", d.readyReplicas() + "/" + d.replicas()},
      {"UP-TO-DATE", Integer.toString(d.updatedReplicas())},
    }));
    String row = "%-32s %-16s %-28s %-8s %s%n";
    sb.append('\n').append(String.format(row, "REPLICA", "CONTAINER", "STATUS", "RESTARTS", "MESSAGE"));
    for (Deployment.Replica s : d.replicaStatuses()) {
      sb.append(String.format(row, s.name(), orDash(s.containerId()), state(s.state(), s.reason()),
          s.restartCount(), message(s.message(), s.nextRetryMillis())));
    }
    return sb.toString();
  }

  /** One container, with why it does not run. */
  static String container(Container c) {
    return labelled(new String[][] {
      {"CONTAINER", c.id()},
      {"NAME", c.name()},
      {"IMAGE", c.image()},
      {"STATUS", state(c.state(), c.reason())},
      {"DETAIL", c.status()},
      {"RESTARTS", Integer.toString(c.restartCount())},
      {"MESSAGE", orDash(message(c.message(), c.nextRetryMillis()))},
      {"PORTS", c.ports().isEmpty() ? "-" : String.join(", ", c.ports())},
    });
  }

  static String containers(List<Container> containers) {
    String row = "%-16s %-24s %-24s %-28s %-8s %s%n";
    StringBuilder sb = new StringBuilder(String.format(row, "CONTAINER", "NAME", "IMAGE", "STATUS", "RESTARTS",
        "PORTS"));
    for (Container c : containers) {
      sb.append(String.format(row, c.id(), c.name(), c.image(), state(c.state(), c.reason()), c.restartCount(),
          String.join(",", c.ports())));
    }
    return sb.toString();
  }

  static String scaled(Scaled r) {
    return r.message() + " (was " + r.previousReplicas() + ")\n";
  }

  /** The line as the service wrote it, prefixed with its service name. */
  static String logLine(LogLine e) {
    String message = e.message().endsWith("\n") ? e.message() : e.message() + "\n";
    return (e.service().isEmpty() ? "" : e.service() + " | ") + message;
  }
}
