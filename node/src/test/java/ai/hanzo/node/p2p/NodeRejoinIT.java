package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.GetNetworkRequest;
import ai.hanzo.node.api.v1.ListPeersRequest;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc.NodeAdminServiceBlockingStub;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.NodeState;
import ai.hanzo.node.api.v1.PeerInfo;
import ai.hanzo.node.testing.NodeProcess;
import com.linecorp.armeria.client.grpc.GrpcClients;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five real node processes (eight would be too heavy for a two-core CI machine), all told only the first one's
 * address: every node lists every other with its heartbeat; one is killed with SIGKILL, restarts on the same data
 * directory with the same PeerId, and the others list it again with a fresh heartbeat.
 */
class NodeRejoinIT {
  private static final int NODES = 5;
  private static final int KILLED = 3;
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String[] COMMON = {"--runtime", "process", "--heartbeat-interval", "1s"};

  private final List<NodeProcess> processes = new ArrayList<>();

  @AfterEach
  void stopAll() throws InterruptedException {
    for (NodeProcess p : processes) {
      p.close();
    }
  }

  @Test
  void everyNodeSeesEveryOtherAndAKilledNodeComesBackWithItsPeerId(@TempDir Path tmp) throws Exception {
    List<Path> dirs = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      dirs.add(tmp.resolve("n" + i));
    }
    List<NodeProcess> nodes = new ArrayList<>();
    nodes.add(start(dirs.get(0)));
    NodeAdminServiceBlockingStub first = admin(nodes.get(0));
    String bootstrap = first.getNetwork(GetNetworkRequest.getDefaultInstance()).getListenAddressesList().stream()
        .filter(s -> s.startsWith("/ip4/127.0.0.1/")).findFirst().orElseThrow();
    for (int i = 1; i < NODES; i++) {
      nodes.add(start(dirs.get(i), "--bootstrap", bootstrap));
    }
    List<NodeAdminServiceBlockingStub> admins = new ArrayList<>(List.of(first));
    for (int i = 1; i < NODES; i++) {
      admins.add(admin(nodes.get(i)));
    }
    List<String> peerIds = admins.stream()
        .map(a -> a.getNetwork(GetNetworkRequest.getDefaultInstance()).getPeerId()).toList();

    for (int i = 0; i < NODES; i++) {
      awaitAnnounced(admins.get(i), others(peerIds, i), Instant.EPOCH);
    }

    String killedPeer = peerIds.get(KILLED);
    nodes.get(KILLED).kill();
    for (int i = 0; i < NODES; i++) {
      if (i != KILLED) {
        NodeAdminServiceBlockingStub admin = admins.get(i);
        await().atMost(WAIT).untilAsserted(() -> assertThat(listed(admin).get(killedPeer))
            .as("the killed node as listed by another").satisfiesAnyOf(
                p -> assertThat(p).isNull(), p -> assertThat(p.getConnected()).isFalse()));
      }
    }

    Instant restartedAt = Instant.now();
    NodeProcess restarted = start(dirs.get(KILLED), "--bootstrap", bootstrap);
    admins.set(KILLED, admin(restarted));
    assertThat(admins.get(KILLED).getNetwork(GetNetworkRequest.getDefaultInstance()).getPeerId())
        .as("PeerId after a restart on the same data directory").isEqualTo(killedPeer);
    for (int i = 0; i < NODES; i++) {
      List<String> expected = i == KILLED ? others(peerIds, i) : List.of(killedPeer);
      awaitAnnounced(admins.get(i), expected, i == KILLED ? Instant.EPOCH : restartedAt);
    }
    for (int i = 0; i < NODES; i++) {
      if (i != KILLED) {
        PeerInfo back = listed(admins.get(i)).get(killedPeer);
        assertThat(back.getConnected()).as("connected to the restarted node from node %d", i).isTrue();
        assertThat(back.getLastSeen()).as("last seen").isGreaterThanOrEqualTo(restartedAt.getEpochSecond());
      }
    }
  }

  /** Waits until {@code admin} lists each of {@code peers} as READY with a heartbeat at or after {@code since}. */
  private static void awaitAnnounced(NodeAdminServiceBlockingStub admin, List<String> peers, Instant since) {
    await().atMost(WAIT).untilAsserted(() -> {
      Map<String, PeerInfo> listed = listed(admin);
      for (String peer : peers) {
        PeerInfo p = listed.get(peer);
        assertThat(p).as("%s in ListPeers %s", peer, listed.keySet()).isNotNull();
        assertThat(p.getLastHeartbeat()).as("heartbeat of %s", peer)
            .isGreaterThanOrEqualTo(Math.max(1, since.getEpochSecond()));
        assertThat(p.getState()).isEqualTo(NodeState.NODE_STATE_READY);
        assertThat(p.getNodeId()).isNotEmpty();
      }
    });
  }

  private static List<String> others(List<String> peerIds, int self) {
    List<String> others = new ArrayList<>(peerIds);
    others.remove(self);
    return others;
  }

  private static Map<String, PeerInfo> listed(NodeAdminServiceBlockingStub admin) {
    return admin.listPeers(ListPeersRequest.getDefaultInstance()).getPeersList().stream()
        .collect(Collectors.toMap(PeerInfo::getPeerId, Function.identity(), (a, b) -> a));
  }

  private NodeProcess start(Path dir, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of(COMMON));
    args.addAll(List.of(extra));
    NodeProcess p = NodeProcess.start(dir, args.toArray(String[]::new));
    processes.add(p);
    return p;
  }

  private static NodeAdminServiceBlockingStub admin(NodeProcess node) {
    int grpc = node.awaitReady(WAIT).get("grpc");
    return GrpcClients.newClient("http://127.0.0.1:" + grpc, NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
  }
}
