package ai.hanzo.node.api.http;

import ai.hanzo.node.api.endpoint.NodeApi;
import ai.hanzo.node.api.mapping.Json;
import static ai.hanzo.node.api.http.HttpCalls.json;
import static ai.hanzo.node.api.http.HttpCalls.pathMatches;

import ai.hanzo.node.api.v1.AckCommandRequest;
import ai.hanzo.node.api.v1.ChangeStakeRequest;
import ai.hanzo.node.api.v1.DeregisterNodeRequest;
import ai.hanzo.node.api.v1.ExitOperatorRequest;
import ai.hanzo.node.api.v1.GetOperatorStatusRequest;
import ai.hanzo.node.api.v1.RegisterOperatorRequest;
import ai.hanzo.node.api.v1.WithdrawStakeRequest;
import ai.hanzo.node.api.v1.ConfirmRegistrationRequest;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DrainRequest;
import ai.hanzo.node.api.v1.FindProvidersRequest;
import ai.hanzo.node.api.v1.GetDeploymentRequest;
import ai.hanzo.node.api.v1.GetHealthRequest;
import ai.hanzo.node.api.v1.GetNetworkRequest;
import ai.hanzo.node.api.v1.GetPoolRequest;
import ai.hanzo.node.api.v1.ListPoolNodesRequest;
import ai.hanzo.node.api.v1.ListPoolsRequest;
import ai.hanzo.node.api.v1.AllocateRequest;
import ai.hanzo.node.api.v1.GetAllocationRequest;
import ai.hanzo.node.api.v1.ListAllocationsRequest;
import ai.hanzo.node.api.v1.ReleaseAllocationRequest;
import ai.hanzo.node.api.v1.GetRegisteredNodeRequest;
import ai.hanzo.node.api.v1.GetStatusRequest;
import ai.hanzo.node.api.v1.HeartbeatRequest;
import ai.hanzo.node.api.v1.InspectContainerRequest;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.ListPeersRequest;
import ai.hanzo.node.api.v1.PullImageRequest;
import ai.hanzo.node.api.v1.QueueCommandRequest;
import ai.hanzo.node.api.v1.RegisterNodeRequest;
import ai.hanzo.node.api.v1.RemoveImageRequest;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.ScaleRequest;
import ai.hanzo.node.api.v1.SendCommandRequest;
import ai.hanzo.node.api.v1.StopRequest;
import ai.hanzo.node.api.v1.UpdateCapabilitiesRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;

/**
 * The HTTP/JSON mirror at the NODE_API.md paths (plus {@code /v1/nodes/...} admin paths), each route calling the
 * same endpoint object as the gRPC method. Request bodies are proto3 JSON of the RPC's request message; path
 * parameters fill (and must agree with) the matching body field.
 */
public final class HttpJsonRoutes {
  private final NodeApi api;

  public HttpJsonRoutes(NodeApi api) {
    this.api = api;
  }

  public void addTo(ServerBuilder sb) {
    get(sb, "/health", json(HttpStatus.OK, (ctx, req) ->
        api.health().getHealth(GetHealthRequest.getDefaultInstance())));
    get(sb, "/v1/status", json(HttpStatus.OK, (ctx, req) -> api.status().getStatus(
        GetStatusRequest.newBuilder().setNodeId(orEmpty(ctx.queryParam("node_id"))).build())));
    nodes(sb);
    deployments(sb);
    scheduling(sb);
    network(sb);
    containers(sb);
    images(sb);
    operators(sb);
    pools(sb);
  }

  /** The compute pools (the upstream paths): the live view of each configured pool and its members. */
  private void pools(ServerBuilder sb) {
    get(sb, "/v1/compute/pools", json(HttpStatus.OK, (ctx, req) -> api.pools().list(
        ListPoolsRequest.getDefaultInstance())));
    get(sb, "/v1/compute/pools/{id}", json(HttpStatus.OK, (ctx, req) -> api.pools().get(
        GetPoolRequest.newBuilder().setId(ctx.pathParam("id")).build())));
    get(sb, "/v1/compute/pools/{id}/nodes", json(HttpStatus.OK, (ctx, req) -> api.pools().nodes(
        ListPoolNodesRequest.newBuilder().setId(ctx.pathParam("id")).build())));
    allocations(sb);
  }

  /** Allocation (the upstream POST /v1/compute/allocate): capacity reserved on chosen nodes until it expires. */
  private void allocations(ServerBuilder sb) {
    route(sb, HttpMethod.POST, "/v1/compute/allocate", json(HttpStatus.CREATED, (ctx, req) -> api.compute()
        .allocations().allocate(Json.parseRequest(req.contentUtf8(), AllocateRequest.newBuilder()).build())));
    get(sb, "/v1/compute/allocations", json(HttpStatus.OK, (ctx, req) -> api.compute().allocations().list(
        ListAllocationsRequest.getDefaultInstance())));
    get(sb, "/v1/compute/allocations/{id}", json(HttpStatus.OK, (ctx, req) -> api.compute().allocations().get(
        GetAllocationRequest.newBuilder().setId(ctx.pathParam("id")).build())));
    route(sb, HttpMethod.DELETE, "/v1/compute/allocations/{id}", json(HttpStatus.OK, (ctx, req) -> api.compute()
        .allocations().release(ReleaseAllocationRequest.newBuilder().setId(ctx.pathParam("id")).build())));
  }

  /**
   * The operator routes; {@code {addr}} fills (and must agree with) the body's {@code operator}. Bodies are the RPC
   * requests as JSON, e.g. {@code {"action": "increase", "amount": "1000000000000000000"}} for the stake.
   */
  private void operators(ServerBuilder sb) {
    route(sb, HttpMethod.POST, "/v1/operators/register", json(HttpStatus.OK, (ctx, req) -> api.operators().register(
        Json.parseRequest(req.contentUtf8(), RegisterOperatorRequest.newBuilder()).build())));
    get(sb, "/v1/operators/{addr}/status", json(HttpStatus.OK, (ctx, req) -> api.operators().status(
        GetOperatorStatusRequest.newBuilder().setOperator(ctx.pathParam("addr")).build())));
    route(sb, HttpMethod.POST, "/v1/operators/{addr}/stake", json(HttpStatus.OK, (ctx, req) -> {
      ChangeStakeRequest.Builder b = Json.parseRequest(req.contentUtf8(), ChangeStakeRequest.newBuilder());
      return api.operators().changeStake(b.setOperator(pathMatches(ctx.pathParam("addr"), b.getOperator(),
          "operator")).build());
    }));
    route(sb, HttpMethod.POST, "/v1/operators/{addr}/exit", json(HttpStatus.OK, (ctx, req) -> {
      ExitOperatorRequest.Builder b = Json.parseRequest(req.contentUtf8(), ExitOperatorRequest.newBuilder());
      return api.operators().exit(b.setOperator(pathMatches(ctx.pathParam("addr"), b.getOperator(), "operator"))
          .build());
    }));
    route(sb, HttpMethod.POST, "/v1/operators/{addr}/deregister", json(HttpStatus.OK, (ctx, req) -> {
      DeregisterNodeRequest.Builder b = Json.parseRequest(req.contentUtf8(), DeregisterNodeRequest.newBuilder());
      return api.operators().deregister(b.setOperator(pathMatches(ctx.pathParam("addr"), b.getOperator(),
          "operator")).build());
    }));
    route(sb, HttpMethod.POST, "/v1/operators/{addr}/withdraw", json(HttpStatus.OK, (ctx, req) -> {
      WithdrawStakeRequest.Builder b = Json.parseRequest(req.contentUtf8(), WithdrawStakeRequest.newBuilder());
      return api.operators().withdraw(b.setOperator(pathMatches(ctx.pathParam("addr"), b.getOperator(),
          "operator")).build());
    }));
  }

  /**
   * The capability of FindProviders travels as a query parameter because it contains a slash
   * ({@code runtime/process}), which a path segment cannot hold.
   */
  private void network(ServerBuilder sb) {
    get(sb, "/v1/peers", json(HttpStatus.OK, (ctx, req) -> api.network().listPeers(
        ListPeersRequest.newBuilder().setAll(HttpCalls.booleanParam(ctx, "all")).build())));
    get(sb, "/v1/network", json(HttpStatus.OK, (ctx, req) -> api.network().getNetwork(
        GetNetworkRequest.getDefaultInstance())));
    route(sb, HttpMethod.POST, "/v1/network/commands", json(HttpStatus.OK, (ctx, req) ->
        api.network().sendCommand(Json.parseRequest(req.contentUtf8(), SendCommandRequest.newBuilder()).build())));
    get(sb, "/v1/providers", json(HttpStatus.OK, (ctx, req) -> api.network().findProviders(
        FindProvidersRequest.newBuilder().setCapability(orEmpty(ctx.queryParam("capability")))
            .setLimit(HttpCalls.uint32Param(ctx, "limit")).build())));
  }

  private void images(ServerBuilder sb) {
    get(sb, "/v1/images", json(HttpStatus.OK, (ctx, req) -> api.images().list()));
    route(sb, HttpMethod.POST, "/v1/images/pull", json(HttpStatus.OK, (ctx, req) -> api.images().pull(
        Json.parseRequest(req.contentUtf8(), PullImageRequest.newBuilder()).build())));
    route(sb, HttpMethod.POST, "/v1/images/remove", json(HttpStatus.OK, (ctx, req) -> api.images().remove(
        Json.parseRequest(req.contentUtf8(), RemoveImageRequest.newBuilder()).build())));
  }

  private void nodes(ServerBuilder sb) {
    route(sb, HttpMethod.POST, "/v1/nodes/register", json(HttpStatus.OK, (ctx, req) ->
        api.registry().register(Json.parseRequest(req.contentUtf8(), RegisterNodeRequest.newBuilder()).build())));
    route(sb, HttpMethod.POST, "/v1/nodes/{node_id}/heartbeat", json(HttpStatus.OK, (ctx, req) -> {
      HeartbeatRequest.Builder b = Json.parseRequest(req.contentUtf8(), HeartbeatRequest.newBuilder());
      return api.registry().heartbeat(b.setNodeId(pathMatches(ctx.pathParam("node_id"), b.getNodeId(), "node_id"))
          .build());
    }));
    route(sb, HttpMethod.PUT, "/v1/nodes/{node_id}/capabilities", json(HttpStatus.OK, (ctx, req) -> {
      UpdateCapabilitiesRequest.Builder b = Json.parseRequest(req.contentUtf8(), UpdateCapabilitiesRequest.newBuilder());
      return api.registry().updateCapabilities(
          b.setNodeId(pathMatches(ctx.pathParam("node_id"), b.getNodeId(), "node_id")).build());
    }));
    route(sb, HttpMethod.POST, "/v1/nodes/{node_id}/confirm", json(HttpStatus.OK, (ctx, req) -> {
      ConfirmRegistrationRequest.Builder b = Json.parseRequest(req.contentUtf8(), ConfirmRegistrationRequest.newBuilder());
      return api.registry().confirm(b.setNodeId(pathMatches(ctx.pathParam("node_id"), b.getNodeId(), "node_id"))
          .build());
    }));
    get(sb, "/v1/nodes", json(HttpStatus.OK, (ctx, req) -> api.registry().list()));
    get(sb, "/v1/nodes/{node_id}", json(HttpStatus.OK, (ctx, req) -> api.registry().get(
        GetRegisteredNodeRequest.newBuilder().setNodeId(ctx.pathParam("node_id")).build())));
    route(sb, HttpMethod.POST, "/v1/nodes/{node_id}/commands", json(HttpStatus.OK, (ctx, req) -> {
      QueueCommandRequest.Builder b = Json.parseRequest(req.contentUtf8(), QueueCommandRequest.newBuilder());
      return api.registry().queueCommand(
          b.setNodeId(pathMatches(ctx.pathParam("node_id"), b.getNodeId(), "node_id")).build());
    }));
    route(sb, HttpMethod.POST, "/v1/nodes/{node_id}/commands/{command_id}/ack", json(HttpStatus.OK,
        (ctx, req) -> api.registry().ack(AckCommandRequest.newBuilder().setNodeId(ctx.pathParam("node_id"))
            .setCommandId(ctx.pathParam("command_id")).build())));
  }

  private void scheduling(ServerBuilder sb) {
    route(sb, HttpMethod.POST, "/v1/node/cordon", json(HttpStatus.OK, (ctx, req) -> api.compute().cordon()));
    route(sb, HttpMethod.POST, "/v1/node/drain", json(HttpStatus.OK, (ctx, req) ->
        api.compute().drain(Json.parseRequest(req.contentUtf8(), DrainRequest.newBuilder()).build())));
    route(sb, HttpMethod.POST, "/v1/node/uncordon", json(HttpStatus.OK, (ctx, req) ->
        api.compute().uncordon()));
    get(sb, "/v1/node/scheduling", json(HttpStatus.OK, (ctx, req) -> api.compute().getScheduling()));
  }

  private void deployments(ServerBuilder sb) {
    route(sb, HttpMethod.POST, "/v1/deployments", json(HttpStatus.CREATED, (ctx, req) ->
        api.compute().deploy(Json.parseRequest(req.contentUtf8(), DeployRequest.newBuilder()).build())));
    route(sb, HttpMethod.POST, "/v1/deployments/{id}/stop", json(HttpStatus.OK, (ctx, req) -> {
      StopRequest.Builder b = Json.parseRequest(req.contentUtf8(), StopRequest.newBuilder());
      return api.compute().stop(b.setDeploymentId(pathMatches(ctx.pathParam("id"), b.getDeploymentId(),
          "deployment_id")).build());
    }));
    route(sb, HttpMethod.POST, "/v1/deployments/{id}/scale", json(HttpStatus.OK, (ctx, req) -> {
      ScaleRequest.Builder b = Json.parseRequest(req.contentUtf8(), ScaleRequest.newBuilder());
      return api.compute().scale(b.setDeploymentId(pathMatches(ctx.pathParam("id"), b.getDeploymentId(),
          "deployment_id")).build());
    }));
    get(sb, "/v1/deployments", json(HttpStatus.OK, (ctx, req) -> api.compute().listDeployments()));
    get(sb, "/v1/deployments/{id}", json(HttpStatus.OK, (ctx, req) -> api.compute().getDeployment(
        GetDeploymentRequest.newBuilder().setDeploymentId(ctx.pathParam("id")).build())));
    ExecRoutes exec = new ExecRoutes(api.exec());
    route(sb, HttpMethod.POST, "/v1/containers/{id}/exec", exec.runToEnd());
    sb.service("/ws/exec/{id}", exec.interactive());
    route(sb, HttpMethod.DELETE, "/v1/deployments/{id}", json(HttpStatus.OK, (ctx, req) ->
        api.compute().remove(RemoveRequest.newBuilder().setDeploymentId(ctx.pathParam("id"))
            .setRemoveVolumes(HttpCalls.booleanParam(ctx, "remove_volumes")).build())));
  }

  private void containers(ServerBuilder sb) {
    // Every query parameter but "all" is a filter, as the RPC's filters map: ?deployment=web&status=running.
    get(sb, "/v1/containers", json(HttpStatus.OK, (ctx, req) -> {
      ListContainersRequest.Builder list = ListContainersRequest.newBuilder().setAll(HttpCalls.booleanParam(ctx, "all"));
      ctx.queryParams().names().stream().filter(name -> !name.equals("all"))
          .forEach(name -> list.putFilters(name, ctx.queryParam(name)));
      return api.compute().listContainers(list.build());
    }));
    get(sb, "/v1/containers/{id}", json(HttpStatus.OK, (ctx, req) -> api.compute().inspectContainer(
        InspectContainerRequest.newBuilder().setContainerId(ctx.pathParam("id")).build())));
  }

  private static void get(ServerBuilder sb, String path, HttpService service) {
    route(sb, HttpMethod.GET, path, service);
  }

  private static void route(ServerBuilder sb, HttpMethod method, String path, HttpService service) {
    sb.route().methods(method).path(path).build(service);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
