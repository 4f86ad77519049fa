package ai.hanzo.node.api;

import ai.hanzo.node.api.mapping.Json;
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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Message;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
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
import com.linecorp.armeria.client.WebClientBuilder;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.QueryParamsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The HTTP/JSON mirror, called the way a curl user would: paths from NODE_API.md, proto3 JSON bodies. */
final class HttpTransport implements Transport {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final BlockingWebClient client;

  HttpTransport(String uri) {
    this(uri, null);
  }

  /** @param apiKey sent as {@code x-api-key} on every request, or null */
  HttpTransport(String uri, String apiKey) {
    WebClientBuilder b = WebClient.builder(uri);
    client = (apiKey == null ? b : b.addHeader("x-api-key", apiKey)).build().blocking();
  }

  /** Sends {@code body} (JSON text, may be null) and parses a 2xx answer into {@code builder}. */
  <B extends Message.Builder> B send(HttpMethod method, String path, String body, B builder) {
    HttpRequest req = body == null ? HttpRequest.of(method, path)
        : HttpRequest.of(method, path, MediaType.JSON_UTF_8, body);
    AggregatedHttpResponse res = client.execute(req);
    try {
      if (res.status().isSuccess()) {
        return Json.parse(res.contentUtf8(), builder);
      }
      if (res.status().code() == 413) {
        throw new ApiCallException("413", "request entity too large", null);
      }
      throw failure(MAPPER.readTree(res.contentUtf8()));
    } catch (IOException e) {
      throw new UncheckedIOException("unexpected answer " + res.status() + ": " + res.contentUtf8(), e);
    }
  }

  /** The JSON error body {@code {code, message, details}} as the exception both transports throw. */
  private static ApiCallException failure(JsonNode error) {
    JsonNode field = error.path("details").get("field");
    return new ApiCallException(error.get("code").asText(), error.get("message").asText(),
        field == null ? null : field.asText());
  }

  int statusOf(HttpMethod method, String path, String body) {
    HttpRequest req = body == null ? HttpRequest.of(method, path)
        : HttpRequest.of(method, path, MediaType.JSON_UTF_8, body);
    return client.execute(req).status().code();
  }

  AggregatedHttpResponse get(String path) {
    return client.get(path);
  }

  @Override
  public GetHealthResponse health() {
    return send(HttpMethod.GET, "/health", null, GetHealthResponse.newBuilder()).build();
  }

  @Override
  public GetStatusResponse status(String nodeId) {
    return send(HttpMethod.GET, "/v1/status?node_id=" + nodeId, null, GetStatusResponse.newBuilder()).build();
  }

  @Override
  public RegisterNodeResponse register(RegisterNodeRequest r) {
    return send(HttpMethod.POST, "/v1/nodes/register", Json.print(r), RegisterNodeResponse.newBuilder()).build();
  }

  @Override
  public ConfirmRegistrationResponse confirm(ConfirmRegistrationRequest r) {
    // The id travels in the path only, as a curl user would send it.
    String body = Json.print(r.toBuilder().clearNodeId().build());
    return send(HttpMethod.POST, "/v1/nodes/" + r.getNodeId() + "/confirm", body,
        ConfirmRegistrationResponse.newBuilder()).build();
  }

  @Override
  public HeartbeatResponse heartbeat(HeartbeatRequest r) {
    return send(HttpMethod.POST, "/v1/nodes/" + r.getNodeId() + "/heartbeat", Json.print(r),
        HeartbeatResponse.newBuilder()).build();
  }

  @Override
  public UpdateCapabilitiesResponse updateCapabilities(UpdateCapabilitiesRequest r) {
    return send(HttpMethod.PUT, "/v1/nodes/" + r.getNodeId() + "/capabilities", Json.print(r),
        UpdateCapabilitiesResponse.newBuilder()).build();
  }

  @Override
  public QueueCommandResponse queue(QueueCommandRequest r) {
    return send(HttpMethod.POST, "/v1/nodes/" + r.getNodeId() + "/commands", Json.print(r),
        QueueCommandResponse.newBuilder()).build();
  }

  @Override
  public AckCommandResponse ack(AckCommandRequest r) {
    return send(HttpMethod.POST, "/v1/nodes/" + r.getNodeId() + "/commands/" + r.getCommandId() + "/ack", null,
        AckCommandResponse.newBuilder()).build();
  }

  @Override
  public ListRegisteredNodesResponse nodes() {
    return send(HttpMethod.GET, "/v1/nodes", null, ListRegisteredNodesResponse.newBuilder()).build();
  }

  @Override
  public RegisteredNodeInfo node(String nodeId) {
    return send(HttpMethod.GET, "/v1/nodes/" + nodeId, null, RegisteredNodeInfo.newBuilder()).build();
  }

  @Override
  public DeployResponse deploy(DeployRequest r) {
    return send(HttpMethod.POST, "/v1/deployments", Json.print(r), DeployResponse.newBuilder()).build();
  }

  @Override
  public StopResponse stop(StopRequest r) {
    return send(HttpMethod.POST, "/v1/deployments/" + r.getDeploymentId() + "/stop", Json.print(r),
        StopResponse.newBuilder()).build();
  }

  @Override
  public ScaleResponse scale(ScaleRequest r) {
    return send(HttpMethod.POST, "/v1/deployments/" + r.getDeploymentId() + "/scale", Json.print(r),
        ScaleResponse.newBuilder()).build();
  }

  @Override
  public RemoveResponse remove(RemoveRequest r) {
    return send(HttpMethod.DELETE, "/v1/deployments/" + r.getDeploymentId(), null, RemoveResponse.newBuilder())
        .build();
  }

  @Override
  public ListContainersResponse containers() {
    return send(HttpMethod.GET, "/v1/containers", null, ListContainersResponse.newBuilder()).build();
  }

  @Override
  public ListContainersResponse containers(Map<String, String> filters) {
    QueryParamsBuilder query = QueryParams.builder();
    filters.forEach(query::add);
    return send(HttpMethod.GET, "/v1/containers?" + query.build().toQueryString(), null,
        ListContainersResponse.newBuilder()).build();
  }

  @Override
  public ListDeploymentsResponse deployments() {
    return send(HttpMethod.GET, "/v1/deployments", null, ListDeploymentsResponse.newBuilder()).build();
  }

  @Override
  public DeploymentStatus deployment(String id) {
    return send(HttpMethod.GET, "/v1/deployments/" + id, null, DeploymentStatus.newBuilder()).build();
  }

  @Override
  public ContainerInfo container(String id) {
    return send(HttpMethod.GET, "/v1/containers/" + id, null, ContainerInfo.newBuilder()).build();
  }

  @Override
  public ExecOutput exec(ExecInput r) {
    return send(HttpMethod.POST, "/v1/containers/" + r.getContainerId() + "/exec", Json.print(r),
        ExecOutput.newBuilder()).build();
  }

  /** NDJSON: one LogEntry per line; a failure after the first line arrives as a last line of the error body. */
  @Override
  public List<LogEntry> logs(GetLogsRequest r) {
    QueryParams query = QueryParams.builder().add("tail", Integer.toUnsignedString(r.getTail()))
        .add("since", Long.toUnsignedString(r.getSince())).add("service_name", r.getServiceName()).build();
    AggregatedHttpResponse res = client.get("/v1/deployments/" + r.getDeploymentId() + "/logs?"
        + query.toQueryString());
    try {
      if (!res.status().isSuccess()) {
        throw failure(MAPPER.readTree(res.contentUtf8()));
      }
      List<LogEntry> entries = new ArrayList<>();
      for (String line : res.contentUtf8().split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = MAPPER.readTree(line);
        if (node.has("code") && node.has("message")) {
          throw failure(node);
        }
        entries.add(Json.parse(line, LogEntry.newBuilder()).build());
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException("unexpected answer " + res.status() + ": " + res.contentUtf8(), e);
    }
  }

  @Override
  public SchedulingStatus cordon() {
    return send(HttpMethod.POST, "/v1/node/cordon", "{}", SchedulingStatus.newBuilder()).build();
  }

  @Override
  public SchedulingStatus drain(DrainRequest r) {
    return send(HttpMethod.POST, "/v1/node/drain", Json.print(r), SchedulingStatus.newBuilder()).build();
  }

  @Override
  public SchedulingStatus uncordon() {
    return send(HttpMethod.POST, "/v1/node/uncordon", "{}", SchedulingStatus.newBuilder()).build();
  }

  @Override
  public SchedulingStatus scheduling() {
    return send(HttpMethod.GET, "/v1/node/scheduling", null, SchedulingStatus.newBuilder()).build();
  }

  @Override
  public ListPeersResponse peers(boolean all) {
    return send(HttpMethod.GET, "/v1/peers?all=" + all, null, ListPeersResponse.newBuilder()).build();
  }

  @Override
  public NetworkInfo network() {
    return send(HttpMethod.GET, "/v1/network", null, NetworkInfo.newBuilder()).build();
  }

  @Override
  public SendCommandResponse sendCommand(SendCommandRequest r) {
    return send(HttpMethod.POST, "/v1/network/commands", Json.print(r), SendCommandResponse.newBuilder()).build();
  }

  @Override
  public FindProvidersResponse findProviders(FindProvidersRequest r) {
    QueryParams query = QueryParams.of("capability", r.getCapability(), "limit",
        Integer.toUnsignedString(r.getLimit()));
    return send(HttpMethod.GET, "/v1/providers?" + query.toQueryString(), null,
        FindProvidersResponse.newBuilder()).build();
  }

  @Override
  public QueryAuditResponse audit(QueryAuditRequest r) {
    QueryParams query = QueryParams.builder().add("since_millis", Long.toUnsignedString(r.getSinceMillis()))
        .add("until_millis", Long.toUnsignedString(r.getUntilMillis())).add("principal", r.getPrincipal())
        .add("action", r.getAction()).add("permission", r.getPermission()).add("outcome", r.getOutcome())
        .add("limit", Integer.toUnsignedString(r.getLimit())).add("page_token", r.getPageToken()).build();
    return send(HttpMethod.GET, "/v1/audit?" + query.toQueryString(), null, QueryAuditResponse.newBuilder())
        .build();
  }
}
