package ai.hanzo.node.p2p;

import ai.hanzo.node.api.v1.GetNetworkRequest;
import ai.hanzo.node.api.v1.ListPeersRequest;
import ai.hanzo.node.api.v1.NetworkInfo;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.PeerInfo;
import com.linecorp.armeria.client.grpc.GrpcClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.testing.NodeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real node processes: one bootstraps from the other over TCP + Noise + Yamux; identities persist. */
class P2pNodeProcessIT {
  private static final Pattern LISTENING = Pattern.compile("libp2p on (\\d+) as (12D3KooW\\w+)");

  @Test
  void nodeDialsItsBootstrapPeerAndKeepsItsPeerIdAcrossRestarts(@TempDir Path tmp) throws Exception {
    Path dirA = tmp.resolve("a");
    String peerA;
    try (NodeProcess a = NodeProcess.start(dirA)) {
      a.awaitReady(Duration.ofSeconds(60));
      Matcher m = LISTENING.matcher(a.output());
      assertThat(m.find()).as(a.output()).isTrue();
      peerA = m.group(2);
      assertThat(a.ports().get("p2p")).isEqualTo(Integer.parseInt(m.group(1)));
      String bootstrap = "/ip4/127.0.0.1/tcp/" + m.group(1) + "/p2p/" + peerA;

      try (NodeProcess b = NodeProcess.start(tmp.resolve("b"), "--bootstrap", bootstrap)) {
        b.awaitReady(Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> b.output().contains("Connected to bootstrap peer"));
        assertThat(b.terminate(Duration.ofSeconds(30))).isZero();
      }
      assertThat(a.terminate(Duration.ofSeconds(30))).isZero();
    }

    try (NodeProcess again = NodeProcess.start(dirA)) {
      again.awaitReady(Duration.ofSeconds(60));
      assertThat(again.output()).contains("as " + peerA);
      assertThat(again.terminate(Duration.ofSeconds(30))).isZero();
    }
    List<String> idCommand = new java.util.ArrayList<>(NodeProcess.java());
    idCommand.addAll(List.of("-jar", NodeProcess.jar().toString(), "id", "--data-dir", dirA.toString()));
    Process id = new ProcessBuilder(idCommand).redirectErrorStream(true).start();
    String printed = new String(id.getInputStream().readAllBytes());
    assertThat(id.waitFor()).isZero();
    assertThat(printed).contains("peer id  " + peerA);
  }

  @Test
  void unreachableBootstrapPeerDoesNotStopTheNode(@TempDir Path tmp) throws Exception {
    String nobody = "/ip4/127.0.0.1/tcp/1/p2p/12D3KooWA4Xop1JaT3MHxwYMkCepYsv4iPVopMXwCz5iHYdBfeSB";
    try (NodeProcess node = NodeProcess.start(tmp.resolve("n"), "--bootstrap", nobody)) {
      node.awaitReady(Duration.ofSeconds(60));
      await().atMost(Duration.ofSeconds(30)).until(() -> node.output().contains("unreachable"));
      assertThat(node.readinessStatus()).isEqualTo(200);
      assertThat(node.terminate(Duration.ofSeconds(30))).isZero();
    }
  }

  @Test
  void peersAreListedWithTheirRoundTripAndRedialledAfterARestartWithoutBootstrap(@TempDir Path tmp)
      throws Exception {
    try (NodeProcess a = NodeProcess.start(tmp.resolve("a"))) {
      var adminA = admin(a.awaitReady(Duration.ofSeconds(60)).get("grpc"));
      NetworkInfo networkA = adminA.getNetwork(GetNetworkRequest.getDefaultInstance());
      String bootstrap = networkA.getListenAddressesList().stream().filter(s -> s.startsWith("/ip4/127.0.0.1/"))
          .findFirst().orElseThrow();
      assertThat(networkA.getMdns()).as("off in tests").isFalse();
      Path dirB = tmp.resolve("b");
      String peerB;
      try (NodeProcess b = NodeProcess.start(dirB, "--bootstrap", bootstrap)) {
        var adminB = admin(b.awaitReady(Duration.ofSeconds(60)).get("grpc"));
        peerB = adminB.getNetwork(GetNetworkRequest.getDefaultInstance()).getPeerId();
        // Identify, then the first ping (2 s after start): B is listed on A, inbound, with a round trip.
        PeerInfo seenByA = await().atMost(Duration.ofSeconds(60)).until(() -> peer(adminA, peerB, false),
            p -> p != null && p.getRttMs() > 0 && p.getAgentVersion().startsWith("hanzo-node/"));
        assertThat(seenByA.getConnected()).isTrue();
        assertThat(seenByA.getDirection()).isEqualTo("inbound");
        assertThat(peer(adminB, networkA.getPeerId(), false).getDirection()).isEqualTo("outbound");
        assertThat(b.terminate(Duration.ofSeconds(30))).isZero();
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> peer(adminA, peerB, false) == null);
      assertThat(peer(adminA, peerB, true)).as("known from before").isNotNull()
          .satisfies(p -> assertThat(p.getConnected()).isFalse());

      // No --bootstrap this time: B finds A again from its stored peers.
      try (NodeProcess b = NodeProcess.start(dirB)) {
        b.awaitReady(Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(60)).until(() -> peer(adminA, peerB, false) != null);
        assertThat(b.terminate(Duration.ofSeconds(30))).isZero();
      }
      assertThat(a.terminate(Duration.ofSeconds(30))).isZero();
    }
  }

  private static NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin(int grpcPort) {
    return GrpcClients.newClient("http://127.0.0.1:" + grpcPort, NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
  }

  private static PeerInfo peer(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin, String peerId, boolean all) {
    return admin.listPeers(ListPeersRequest.newBuilder().setAll(all).build()).getPeersList().stream()
        .filter(p -> p.getPeerId().equals(peerId)).findFirst().orElse(null);
  }
}
