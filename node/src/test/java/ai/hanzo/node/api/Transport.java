package ai.hanzo.node.api;

import ai.hanzo.node.api.v1.AckCommandRequest;
import ai.hanzo.node.api.v1.AckCommandResponse;
import ai.hanzo.node.api.v1.ConfirmRegistrationRequest;
import ai.hanzo.node.api.v1.ConfirmRegistrationResponse;
import ai.hanzo.node.api.v1.ContainerInfo;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeployResponse;
import ai.hanzo.node.api.v1.DeploymentStatus;
import ai.hanzo.node.api.v1.ListDeploymentsResponse;
import ai.hanzo.node.api.v1.GetHealthResponse;
import ai.hanzo.node.api.v1.GetStatusResponse;
import ai.hanzo.node.api.v1.HeartbeatRequest;
import ai.hanzo.node.api.v1.HeartbeatResponse;
import ai.hanzo.node.api.v1.ListContainersResponse;
import ai.hanzo.node.api.v1.ListRegisteredNodesResponse;
import ai.hanzo.node.api.v1.QueueCommandRequest;
import ai.hanzo.node.api.v1.QueueCommandResponse;
import ai.hanzo.node.api.v1.RegisterNodeRequest;
import ai.hanzo.node.api.v1.RegisterNodeResponse;
import ai.hanzo.node.api.v1.RegisteredNodeInfo;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.RemoveResponse;
import ai.hanzo.node.api.v1.ScaleRequest;
import ai.hanzo.node.api.v1.ScaleResponse;
import ai.hanzo.node.api.v1.StopRequest;
import ai.hanzo.node.api.v1.StopResponse;
import ai.hanzo.node.api.v1.UpdateCapabilitiesRequest;
import ai.hanzo.node.api.v1.UpdateCapabilitiesResponse;
import ai.hanzo.node.api.v1.DrainRequest;
import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.api.v1.FindProvidersRequest;
import ai.hanzo.node.api.v1.FindProvidersResponse;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.ListPeersResponse;
import ai.hanzo.node.api.v1.LogEntry;
import ai.hanzo.node.api.v1.NetworkInfo;
import ai.hanzo.node.api.v1.QueryAuditRequest;
import ai.hanzo.node.api.v1.QueryAuditResponse;
import ai.hanzo.node.api.v1.SchedulingStatus;
import ai.hanzo.node.api.v1.SendCommandRequest;
import ai.hanzo.node.api.v1.SendCommandResponse;
import java.util.List;
import java.util.Map;

/**
 * Every call of the API over one transport, failures as {@link ApiCallException}. Streams are read to their end:
 * GetLogs without follow, ExecInContainer with its stdin closed after the first message (output merged into one
 * ExecOutput, as {@code POST /v1/containers/{id}/exec} answers).
 */
interface Transport {
  GetHealthResponse health();

  GetStatusResponse status(String nodeId);

  RegisterNodeResponse register(RegisterNodeRequest r);

  ConfirmRegistrationResponse confirm(ConfirmRegistrationRequest r);

  HeartbeatResponse heartbeat(HeartbeatRequest r);

  UpdateCapabilitiesResponse updateCapabilities(UpdateCapabilitiesRequest r);

  QueueCommandResponse queue(QueueCommandRequest r);

  AckCommandResponse ack(AckCommandRequest r);

  ListRegisteredNodesResponse nodes();

  RegisteredNodeInfo node(String nodeId);

  DeployResponse deploy(DeployRequest r);

  StopResponse stop(StopRequest r);

  ScaleResponse scale(ScaleRequest r);

  RemoveResponse remove(RemoveRequest r);

  ListContainersResponse containers();

  /** ListContainers with filters ({@code deployment}, {@code label}, {@code status}). */
  ListContainersResponse containers(Map<String, String> filters);

  ListDeploymentsResponse deployments();

  DeploymentStatus deployment(String id);

  ContainerInfo container(String id);

  ExecOutput exec(ExecInput r);

  List<LogEntry> logs(GetLogsRequest r);

  SchedulingStatus cordon();

  SchedulingStatus drain(DrainRequest r);

  SchedulingStatus uncordon();

  SchedulingStatus scheduling();

  ListPeersResponse peers(boolean all);

  NetworkInfo network();

  SendCommandResponse sendCommand(SendCommandRequest r);

  FindProvidersResponse findProviders(FindProvidersRequest r);

  QueryAuditResponse audit(QueryAuditRequest r);
}
