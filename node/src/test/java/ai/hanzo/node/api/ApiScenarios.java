package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.AckCommandRequest;
import ai.hanzo.node.api.v1.CommandType;
import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.api.v1.ConfirmRegistrationRequest;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DrainRequest;
import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.FindProvidersRequest;
import ai.hanzo.node.api.v1.GetLogsRequest;
import ai.hanzo.node.api.v1.NetworkCommandType;
import ai.hanzo.node.api.v1.QueryAuditRequest;
import ai.hanzo.node.api.v1.SendCommandRequest;
import ai.hanzo.node.api.v1.GetHealthResponse;
import ai.hanzo.node.api.v1.GetStatusResponse;
import ai.hanzo.node.api.v1.HealthStatus;
import ai.hanzo.node.api.v1.HeartbeatRequest;
import ai.hanzo.node.api.v1.HeartbeatResponse;
import ai.hanzo.node.api.v1.NodeCapabilities;
import ai.hanzo.node.api.v1.NodeMetrics;
import ai.hanzo.node.api.v1.NodeState;
import ai.hanzo.node.api.v1.QueueCommandRequest;
import ai.hanzo.node.api.v1.RegisterNodeRequest;
import ai.hanzo.node.api.v1.RegisterNodeResponse;
import ai.hanzo.node.api.v1.RegistrationState;
import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.api.v1.ScaleRequest;
import ai.hanzo.node.api.v1.StopRequest;
import ai.hanzo.node.api.v1.UpdateCapabilitiesRequest;
import ai.hanzo.node.registry.TestKeys;
import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every unary RPC and route, success and error paths, run once per transport by the subclasses: both must give
 * the same answers and the same stable error codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiScenarios {
  @TempDir static Path dataDir;
  ApiFixture fixture;
  Transport api;

  abstract Transport transport(ApiFixture fixture);

  @BeforeAll
  void start() {
    fixture = new ApiFixture(dataDir);
    api = transport(fixture);
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  static final NodeMetrics METRICS = NodeMetrics.newBuilder().setCpuUsage(0.5).setMemoryUsage(0.25)
      .setDiskUsage(0.75).setNetworkRxBytes(1000).setNetworkTxBytes(2000).setActiveContainers(3).build();

  private record Registered(String nodeId, TestKeys keys) {}

  private Registered registerAndConfirm() {
    TestKeys keys = TestKeys.generate();
    String id = "node-" + UUID.randomUUID();
    RegisterNodeResponse r = api.register(RegisterNodeRequest.newBuilder().setNodeId(id)
        .setPublicKey(ByteString.copyFrom(keys.libp2p())).setEndpoint("10.0.0.7:50051")
        .setCapabilities(NodeCapabilities.newBuilder().setCpuCores(8).addSupportedRuntimes("process")).build());
    api.confirm(ConfirmRegistrationRequest.newBuilder().setNodeId(id)
        .setSignature(ByteString.copyFrom(keys.sign(r.getChallenge().toByteArray()))).build());
    return new Registered(id, keys);
  }

  @Test
  void healthReportsRealChecksVersionMlxAndNetwork() {
    GetHealthResponse h = api.health();
    assertThat(h.getStatus()).isEqualTo(HealthStatus.HEALTH_STATUS_HEALTHY);
    assertThat(h.getVersion()).isEqualTo("9.9.9-test");
    assertThat(h.getMlxEnabled()).isFalse();
    assertThat(h.getModelsList()).isEmpty();
    assertThat(h.getConsensus().getNetworkId()).isEqualTo("43113");
  }

  @Test
  void statusOfThisNodeHasHostMetrics() {
    for (String id : new String[] {"", ApiFixture.SELF_ID}) {
      GetStatusResponse s = api.status(id);
      assertThat(s.getState()).isEqualTo(NodeState.NODE_STATE_READY);
      assertThat(s.getMetrics().getMemoryUsage()).isGreaterThan(0).isLessThanOrEqualTo(1);
      assertThat(s.getMetrics().getDiskUsage()).isGreaterThan(0).isLessThanOrEqualTo(1);
      assertThat(s.getDeploymentsList()).isEmpty();
    }
  }

  @Test
  void statusOfAnUnknownNodeIsNotFound() {
    assertError(() -> api.status("nobody"), "NOT_FOUND", null);
  }

  @Test
  void aRegisteredNodesStatusIsItsLastHeartbeat() {
    Registered n = registerAndConfirm();
    api.heartbeat(HeartbeatRequest.newBuilder().setNodeId(n.nodeId()).setMetrics(METRICS).build());
    GetStatusResponse s = api.status(n.nodeId());
    assertThat(s.getState()).isEqualTo(NodeState.NODE_STATE_READY);
    assertThat(s.getMetrics()).isEqualTo(METRICS);
  }

  @Test
  void registrationNeedsAnEd25519Key() {
    assertError(() -> api.register(RegisterNodeRequest.newBuilder().setNodeId("x").build()), "INVALID_ARGUMENT",
        "public_key");
    assertError(() -> api.register(RegisterNodeRequest.newBuilder().setNodeId("x")
        .setPublicKey(ByteString.copyFrom(new byte[33])).build()), "INVALID_ARGUMENT", "public_key");
  }

  @Test
  void registrationWithoutAnIdAssignsThePeerId() {
    RegisterNodeResponse r = api.register(RegisterNodeRequest.newBuilder()
        .setPublicKey(ByteString.copyFrom(TestKeys.generate().raw())).build());
    assertThat(r.getSuccess()).isTrue();
    assertThat(r.getAssignedNodeId()).startsWith("12D3KooW");
    assertThat(r.getChallenge().size()).isEqualTo(32);
    assertThat(api.node(r.getAssignedNodeId()).getState())
        .isEqualTo(RegistrationState.REGISTRATION_STATE_PENDING_PROOF);
  }

  @Test
  void confirmationNeedsTheRightSignature() {
    TestKeys keys = TestKeys.generate();
    String id = "node-" + UUID.randomUUID();
    RegisterNodeResponse r = api.register(RegisterNodeRequest.newBuilder().setNodeId(id)
        .setPublicKey(ByteString.copyFrom(keys.raw())).build());
    assertError(() -> api.heartbeat(HeartbeatRequest.newBuilder().setNodeId(id).setMetrics(METRICS).build()),
        "FAILED_PRECONDITION", null);
    assertError(() -> api.confirm(ConfirmRegistrationRequest.newBuilder().setNodeId(id)
        .setSignature(ByteString.copyFrom(TestKeys.generate().sign(r.getChallenge().toByteArray()))).build()),
        "INVALID_ARGUMENT", "signature");
    assertError(() -> api.confirm(ConfirmRegistrationRequest.newBuilder().setNodeId(id).build()),
        "INVALID_ARGUMENT", "signature");
    assertThat(api.confirm(ConfirmRegistrationRequest.newBuilder().setNodeId(id)
        .setSignature(ByteString.copyFrom(keys.sign(r.getChallenge().toByteArray()))).build()).getSuccess()).isTrue();
    assertThat(api.node(id).getState()).isEqualTo(RegistrationState.REGISTRATION_STATE_ONLINE);
    assertThat(api.nodes().getNodesList()).anySatisfy(info -> assertThat(info.getNodeId()).isEqualTo(id));
  }

  @Test
  void aDifferentKeyForAKnownNodeIsAlreadyExists() {
    Registered n = registerAndConfirm();
    assertError(() -> api.register(RegisterNodeRequest.newBuilder().setNodeId(n.nodeId())
        .setPublicKey(ByteString.copyFrom(TestKeys.generate().raw())).build()), "ALREADY_EXISTS", null);
  }

  @Test
  void heartbeatsReturnQueuedCommandsUntilAcknowledged() {
    Registered n = registerAndConfirm();
    String commandId = api.queue(QueueCommandRequest.newBuilder().setNodeId(n.nodeId())
        .setType(CommandType.COMMAND_TYPE_DRAIN).setPayload(ByteString.copyFromUtf8("now")).build()).getCommandId();
    HeartbeatRequest beat = HeartbeatRequest.newBuilder().setNodeId(n.nodeId()).setTimestamp(1).setMetrics(METRICS)
        .build();
    HeartbeatResponse first = api.heartbeat(beat);
    assertThat(first.getAcknowledged()).isTrue();
    assertThat(first.getServerTimestamp()).isPositive();
    assertThat(first.getPendingCommandsList()).singleElement().satisfies(c -> {
      assertThat(c.getCommandId()).isEqualTo(commandId);
      assertThat(c.getType()).isEqualTo(CommandType.COMMAND_TYPE_DRAIN);
      assertThat(c.getPayload().toStringUtf8()).isEqualTo("now");
    });
    assertThat(api.heartbeat(beat).getPendingCommandsCount()).isEqualTo(1);
    assertThat(api.ack(AckCommandRequest.newBuilder().setNodeId(n.nodeId()).setCommandId(commandId).build())
        .getAcknowledged()).isTrue();
    assertThat(api.heartbeat(beat).getPendingCommandsList()).isEmpty();
    assertError(() -> api.ack(AckCommandRequest.newBuilder().setNodeId(n.nodeId()).setCommandId(commandId).build()),
        "NOT_FOUND", null);
  }

  @Test
  void heartbeatValidationNamesTheField() {
    Registered n = registerAndConfirm();
    assertError(() -> api.heartbeat(HeartbeatRequest.newBuilder().setNodeId(n.nodeId()).build()),
        "INVALID_ARGUMENT", "metrics");
    assertError(() -> api.heartbeat(HeartbeatRequest.newBuilder().setNodeId(n.nodeId())
        .setMetrics(METRICS.toBuilder().setCpuUsage(1.5)).build()), "INVALID_ARGUMENT", "metrics.cpu_usage");
    assertError(() -> api.heartbeat(HeartbeatRequest.newBuilder().setNodeId("unknown-node").setMetrics(METRICS)
        .build()), "NOT_FOUND", null);
    assertError(() -> api.queue(QueueCommandRequest.newBuilder().setNodeId(n.nodeId()).build()),
        "INVALID_ARGUMENT", "type");
  }

  @Test
  void capabilitiesCanBeUpdated() {
    Registered n = registerAndConfirm();
    assertThat(api.updateCapabilities(UpdateCapabilitiesRequest.newBuilder().setNodeId(n.nodeId())
        .setCapabilities(NodeCapabilities.newBuilder().setCpuCores(64).setRegion("eu")).build()).getSuccess())
        .isTrue();
    assertThat(api.node(n.nodeId()).getCapabilities().getCpuCores()).isEqualTo(64);
    assertError(() -> api.updateCapabilities(UpdateCapabilitiesRequest.newBuilder().setNodeId(n.nodeId()).build()),
        "INVALID_ARGUMENT", "capabilities");
    assertError(() -> api.updateCapabilities(UpdateCapabilitiesRequest.newBuilder().setNodeId("nobody")
        .setCapabilities(NodeCapabilities.getDefaultInstance()).build()), "NOT_FOUND", null);
  }

  @Test
  void computeCallsSayTheEngineIsNotAvailableYet() {
    DeployRequest valid = DeployRequest.newBuilder().setDeploymentId("d1").setSpec(ComposeSpec.newBuilder()
        .putServices("web", ServiceSpec.newBuilder().setImage("nginx:1.27").build())).build();
    ThrowingCallable[] calls = {
      () -> api.deploy(valid),
      () -> api.deployments(),
      () -> api.deployment("d1"),
      () -> api.stop(StopRequest.newBuilder().setDeploymentId("d1").build()),
      () -> api.scale(ScaleRequest.newBuilder().setDeploymentId("d1").setServiceName("web").build()),
      () -> api.remove(RemoveRequest.newBuilder().setDeploymentId("d1").build()),
      () -> api.containers(),
      () -> api.container("c1"),
      () -> api.logs(GetLogsRequest.newBuilder().setDeploymentId("d1").build()),
      () -> api.exec(ExecInput.newBuilder().setContainerId("c1").addCommand("ls").build()),
      () -> api.cordon(),
      () -> api.drain(DrainRequest.getDefaultInstance()),
      () -> api.uncordon(),
      () -> api.scheduling(),
    };
    assertAllUnimplemented("the compute engine is not available on this node yet", calls);
  }

  private static void assertAllUnimplemented(String message, ThrowingCallable... calls) {
    for (ThrowingCallable call : calls) {
      assertThatThrownBy(call).isInstanceOfSatisfying(ApiCallException.class, e -> {
        assertThat(e.code).isEqualTo("UNIMPLEMENTED");
        assertThat(e.getMessage()).contains(message);
      });
    }
  }

  @Test
  void deployRequestsAreValidatedEvenWithoutAnEngine() {
    assertError(() -> api.deploy(DeployRequest.newBuilder().setDeploymentId("d1").build()), "INVALID_ARGUMENT",
        "spec");
    assertError(() -> api.deploy(DeployRequest.newBuilder().setSpec(ComposeSpec.newBuilder()
        .putServices("web", ServiceSpec.newBuilder().addCommand("sleep").build())).build()), "INVALID_ARGUMENT",
        "spec.services[web].image");
    assertError(() -> api.deploy(DeployRequest.newBuilder().setDeploymentId("bad/id").build()), "INVALID_ARGUMENT",
        "deployment_id");
  }

  @Test
  void networkCallsSayThereIsNoLibp2pHost() {
    ThrowingCallable[] calls = {
      () -> api.peers(true),
      () -> api.network(),
      () -> api.findProviders(FindProvidersRequest.newBuilder().setCapability("runtime/process").build()),
      () -> api.sendCommand(SendCommandRequest.newBuilder().setTarget("node-b")
          .setType(NetworkCommandType.NETWORK_COMMAND_TYPE_CORDON).build()),
    };
    assertAllUnimplemented("this node has no libp2p host", calls);
  }

  @Test
  void networkRequestsAreValidatedEvenWithoutALibp2pHost() {
    assertError(() -> api.findProviders(FindProvidersRequest.newBuilder().setCapability("gpu").build()),
        "INVALID_ARGUMENT", "capability");
    assertError(() -> api.findProviders(FindProvidersRequest.getDefaultInstance()), "INVALID_ARGUMENT",
        "capability");
    assertError(() -> api.sendCommand(SendCommandRequest.newBuilder().setTarget("node-b").build()),
        "INVALID_ARGUMENT", "type");
  }

  @Test
  void auditNeedsIam() {
    assertError(() -> api.audit(QueryAuditRequest.getDefaultInstance()), "FAILED_PRECONDITION", null);
  }

  @Test
  void requestsAboveTheMessageSizeLimitAreRefused() {
    String huge = "x".repeat(ApiServers.MAX_MESSAGE_BYTES + 1);
    assertThatThrownBy(() -> api.register(RegisterNodeRequest.newBuilder().setOperatorAddress(huge).build()))
        .isInstanceOfSatisfying(ApiCallException.class, e ->
            assertThat(e.code).isIn("RESOURCE_EXHAUSTED", "413"));
  }

  static void assertError(ThrowingCallable call, String code, String field) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ApiCallException.class, e -> {
      assertThat(e.code).as(e.getMessage()).isEqualTo(code);
      if (field != null) {
        assertThat(e.field).isEqualTo(field);
        assertThat(e.getMessage()).contains(field);
      }
    });
  }
}
