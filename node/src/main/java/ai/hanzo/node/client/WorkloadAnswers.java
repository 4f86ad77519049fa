package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.ContainerInfo;
import ai.hanzo.node.api.v1.DeployResponse;
import ai.hanzo.node.api.v1.DeploymentStatus;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.ReplicaStatus;
import ai.hanzo.node.api.v1.ScaleResponse;

/** The node's answers about deployments and containers as the client's records. */
final class WorkloadAnswers {
  private WorkloadAnswers() {}

  static Deployment deployment(DeploymentStatus d) {
    return new Deployment(d.getDeploymentId(), d.getName(), d.getStatus(), d.getReplicas(), d.getReadyReplicas(),
        d.getReplicaStatusesList().stream().map(WorkloadAnswers::replica).toList(), d.getUpdatedReplicas(),
        d.getNodeId());
  }

  private static Deployment.Replica replica(ReplicaStatus r) {
    return new Deployment.Replica(r.getService(), r.getReplica(), r.getName(), r.getContainerId(), r.getState(),
        r.getReason(), r.getMessage(), r.getExitCode(), r.getRestartCount(), r.getNextRetryMillis(), r.getReady());
  }

  static Container container(ContainerInfo c) {
    return new Container(c.getId(), c.getName(), c.getImage(), c.getStatus(), c.getState(), c.getCreated(),
        c.getPortsList(), NodeAnswers.ordered(c.getLabelsMap()), c.getReason(), c.getMessage(), c.getRestartCount(),
        c.getNextRetryMillis());
  }

  static Deployed deployed(DeployResponse r) {
    return new Deployed(r.getSuccess(), r.getDeploymentId(), r.getMessage(), r.getEndpointsList(), r.getNodeId());
  }

  static Scaled scaled(ScaleResponse r) {
    return new Scaled(r.getSuccess(), r.getMessage(), r.getPreviousReplicas(), r.getCurrentReplicas());
  }

  static LogLine logLine(LogEntry e) {
    return new LogLine(e.getTimestamp(), e.getService(), e.getContainerId(), e.getStream(), e.getMessage());
  }
}
