package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.FindProvidersRequest;
import ai.hanzo.node.api.v1.GetNetworkRequest;
import ai.hanzo.node.api.v1.GetSchedulingRequest;
import ai.hanzo.node.api.v1.ListPeersRequest;
import ai.hanzo.node.api.v1.NetworkCommandType;
import ai.hanzo.node.api.v1.NetworkInfo;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.NodeState;
import ai.hanzo.node.api.v1.PeerInfo;
import ai.hanzo.node.api.v1.ProviderInfo;
import ai.hanzo.node.api.v1.SendCommandRequest;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.api.v1.DrainPhase;
import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.storage.RoleBindingRecord;
import ai.hanzo.node.testing.NodeProcess;
import com.linecorp.armeria.client.grpc.GrpcClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real node processes on loopback, two bootstrapping from the first: heartbeats, deployment events and
 * provider records reach everyone, and a drain command over gossip is executed only when IAM on the target
 * authorizes the signing peer, once.
 */
class NodeNetworkIT {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void nodesSeeEachOtherAndObeyOnlyAuthorizedCommandsOnce(@TempDir Path tmp) throws Exception {
    Path dirA = tmp.resolve("a");
    Path dirB = tmp.resolve("b");
    Path dirC = tmp.resolve("c");
    String peerA = NodeIdentity.loadOrCreate(dirA).peerId().toString();
    String peerB = NodeIdentity.loadOrCreate(dirB).peerId().toString();
    String peerC = NodeIdentity.loadOrCreate(dirC).peerId().toString();
    // C runs IAM: A's peer is an admin there, B's is nobody. Bound offline, before C starts.
    IamNodeFixture.withDatabase(dirC, db -> {
      db.roles().putBinding(new RoleBindingRecord("peer:" + peerA, List.of("admin")));
      return null;
    });
    String keyC = IamNodeFixture.createKey(dirC, "admin", null);
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--metrics-gossip-interval", "2s"};

    List<NodeProcess> nodes = new ArrayList<>();
    try {
      NodeProcess a = start(nodes, dirA, common, "--node-id", "node-a");
      var adminA = admin(a.awaitReady(WAIT).get("grpc"), null);
      String bootstrap = adminA.getNetwork(GetNetworkRequest.getDefaultInstance()).getListenAddressesList().stream()
          .filter(s -> s.startsWith("/ip4/127.0.0.1/")).findFirst().orElseThrow();
      NodeProcess b = start(nodes, dirB, common, "--node-id", "node-b", "--bootstrap", bootstrap);
      NodeProcess c = start(nodes, dirC, common, "--node-id", "node-c", "--bootstrap", bootstrap,
          "--iam-enabled", "--iam-secret", IamNodeFixture.SECRET);
      var adminB = admin(b.awaitReady(WAIT).get("grpc"), null);
      int grpcC = c.awaitReady(WAIT).get("grpc");
      var adminC = admin(grpcC, keyC);

      Map<String, String> nodeIds = Map.of(peerA, "node-a", peerB, "node-b", peerC, "node-c");
      for (var admin : List.of(adminA, adminB, adminC)) {
        await().atMost(WAIT).until(() -> announced(admin), peers -> peers.size() == 2);
        for (PeerInfo p : announced(admin)) {
          assertThat(p.getNodeId()).isEqualTo(nodeIds.get(p.getPeerId()));
          assertThat(p.getState()).isEqualTo(NodeState.NODE_STATE_READY);
          assertThat(p.getCapabilities().getCpuCores()).isPositive();
          assertThat(p.getCapabilities().getSupportedRuntimesList()).contains("process");
          assertThat(p.getApiEndpointsList()).anyMatch(e -> e.startsWith("grpc://127.0.0.1:"));
        }
      }
      NetworkInfo network = adminA.getNetwork(GetNetworkRequest.getDefaultInstance());
      assertThat(network.getDhtMode()).isEqualTo("server");
      assertThat(network.getTopicsList()).extracting(t -> t.getTopic())
          .contains("hanzo/heartbeat/v1", "hanzo/deployments/v1", "hanzo/metrics/v1", "hanzo/commands/v1");
      await().atMost(WAIT).until(() -> adminA.getNetwork(GetNetworkRequest.getDefaultInstance()),
          n -> n.getRoutingTableSize() >= 2 && n.getTopicsList().stream().allMatch(t -> t.getMeshPeers() >= 1));

      // A deployment on B is announced to A and C.
      var computeB = GrpcClients.newClient("http://127.0.0.1:" + b.ports().get("grpc"),
          NodeServiceGrpc.NodeServiceBlockingStub.class);
      assertThat(computeB.deploy(DeployRequest.newBuilder().setDeploymentId("gossiped").setName("gossiped")
          .setSpec(ComposeSpec.newBuilder().putServices("idle", ServiceSpec.newBuilder().setImage("process")
              .addAllCommand(List.of("sh", "-c", "sleep 60")).build()))
          .build()).getSuccess()).isTrue();
      for (NodeProcess other : List.of(a, c)) {
        await().atMost(WAIT).until(() -> other.output().contains("reports deployment.created of deployment gossiped"));
      }

      // Every node provides runtime/process in the DHT.
      await().atMost(WAIT).until(() -> adminA.findProviders(FindProvidersRequest.newBuilder()
              .setCapability("runtime/process").build()).getProvidersList().stream().map(ProviderInfo::getPeerId)
              .toList(),
          found -> found.containsAll(List.of(peerB, peerC)));

      // B is not authorized on C: refused. A is: C drains. The same command id again: ignored as a replay.
      adminB.sendCommand(SendCommandRequest.newBuilder().setTarget(peerC).setCommandId("from-b")
          .setType(NetworkCommandType.NETWORK_COMMAND_TYPE_DRAIN).build());
      await().atMost(WAIT).until(() -> c.output().contains("Refused command from-b"));
      assertThat(adminC.getScheduling(GetSchedulingRequest.getDefaultInstance()).getDrain())
          .isEqualTo(DrainPhase.DRAIN_PHASE_NONE);

      adminA.sendCommand(SendCommandRequest.newBuilder().setTarget("node-c").setCommandId("drain-c")
          .setType(NetworkCommandType.NETWORK_COMMAND_TYPE_DRAIN).setDrainDeadlineSeconds(5).build());
      await().atMost(WAIT).until(() -> adminC.getScheduling(GetSchedulingRequest.getDefaultInstance()).getDrain(),
          phase -> phase != DrainPhase.DRAIN_PHASE_NONE);
      assertThat(c.output()).contains("Executed command drain-c");
      assertThat(adminB.getScheduling(GetSchedulingRequest.getDefaultInstance()).getDrain())
          .as("only the target drains").isEqualTo(DrainPhase.DRAIN_PHASE_NONE);

      adminA.sendCommand(SendCommandRequest.newBuilder().setTarget("node-c").setCommandId("drain-c")
          .setType(NetworkCommandType.NETWORK_COMMAND_TYPE_DRAIN).build());
      await().atMost(WAIT).until(() -> c.output().contains("Ignored replayed command drain-c"));
      assertThat(c.output().split("Executed command drain-c", -1)).as("executed once").hasSize(2);

      await().atMost(WAIT).until(() -> announced(adminA).stream().filter(p -> p.getPeerId().equals(peerC))
          .findFirst().map(PeerInfo::getState).orElse(null) == NodeState.NODE_STATE_DRAINING);
      for (NodeProcess n : nodes) {
        assertThat(n.terminate(Duration.ofSeconds(30))).as(n.output()).isZero();
      }
      List<String> audited = IamNodeFixture.withDatabase(dirC, db -> db.audit()
          .query(java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60), 1000).stream()
          .filter(e -> e.action().equals("p2p:command"))
          .map(e -> e.principal() + " " + e.resource() + " " + e.outcome()).toList());
      assertThat(audited).containsExactlyInAnyOrder("peer:" + peerB + " from-b DENIED",
          "peer:" + peerA + " drain-c OK");
    } finally {
      for (NodeProcess n : nodes) {
        n.close();
      }
    }
  }

  private static NodeProcess start(List<NodeProcess> nodes, Path dir, String[] common, String... extra)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(common));
    args.addAll(List.of(extra));
    NodeProcess p = NodeProcess.start(dir, args.toArray(String[]::new));
    nodes.add(p);
    return p;
  }

  private static List<PeerInfo> announced(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin) {
    return admin.listPeers(ListPeersRequest.getDefaultInstance()).getPeersList().stream()
        .filter(p -> p.getLastHeartbeat() > 0).toList();
  }

  private static NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin(int grpcPort, String apiKey) {
    var builder = GrpcClients.builder("http://127.0.0.1:" + grpcPort);
    if (apiKey != null) {
      builder.addHeader("x-api-key", apiKey);
    }
    return builder.build(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
  }
}
