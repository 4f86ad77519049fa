package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.GetNetworkRequest;
import ai.hanzo.node.api.v1.GetProviderHistoryRequest;
import ai.hanzo.node.api.v1.GetProviderRequest;
import ai.hanzo.node.api.v1.IssueChallengeRequest;
import ai.hanzo.node.api.v1.ListPeersRequest;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.PeerInfo;
import ai.hanzo.node.api.v1.QosChallengeResult;
import ai.hanzo.node.api.v1.QosProviderState;
import ai.hanzo.node.api.v1.QosServiceGrpc;
import ai.hanzo.node.api.v1.VerifyProofRequest;
import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.node.qos.ChallengeIssuer;
import ai.hanzo.node.qos.ChallengeType;
import ai.hanzo.node.qos.ProofVerifier;
import ai.hanzo.node.qos.SignedChallenge;
import ai.hanzo.node.qos.SignedProof;
import ai.hanzo.testing.MutableClock;
import ai.hanzo.node.testing.NodeProcess;
import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.grpc.GrpcClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QoS between three real node processes on loopback: A challenges B with every type over {@code /hanzo/qos/1.0.0}
 * and each passes; C, which took no part, verifies B's proofs from their bytes alone and refuses a tampered one.
 * Then B is frozen with SIGSTOP: its challenges fail, its score falls and after 5 consecutive failures A bans it
 * for 24 h, which A still knows after a restart.
 */
class QosNodesIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final long SEED = 17;

  @Test
  void challengesPassThenAFrozenProviderIsBanned(@TempDir Path tmp) throws Exception {
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s"};
    List<NodeProcess> nodes = new ArrayList<>();
    NodeProcess b = null;
    boolean frozen = false;
    try {
      NodeProcess a = start(nodes, tmp.resolve("a"), common, "--node-id", "node-a");
      int grpcA = a.awaitReady(WAIT).get("grpc");
      String bootstrap = admin(grpcA).getNetwork(GetNetworkRequest.getDefaultInstance()).getListenAddressesList()
          .stream().filter(s -> s.startsWith("/ip4/127.0.0.1/")).findFirst().orElseThrow();
      b = start(nodes, tmp.resolve("b"), common, "--node-id", "node-b", "--bootstrap", bootstrap);
      NodeProcess c = start(nodes, tmp.resolve("c"), common, "--node-id", "node-c", "--bootstrap", bootstrap);
      b.awaitReady(WAIT);
      int grpcC = c.awaitReady(WAIT).get("grpc");
      // A names B by its node id, which it learns from B's heartbeats.
      await().atMost(WAIT).until(() -> admin(grpcA).listPeers(ListPeersRequest.getDefaultInstance())
          .getPeersList().stream().anyMatch(p -> p.getNodeId().equals("node-b")));
      String peerB = admin(grpcA).listPeers(ListPeersRequest.getDefaultInstance()).getPeersList().stream()
          .filter(p -> p.getNodeId().equals("node-b")).map(PeerInfo::getPeerId).findFirst().orElseThrow();
      var qosA = qos(grpcA);
      var qosC = qos(grpcC);

      List<QosChallengeResult> passed = new ArrayList<>();
      for (String type : List.of("availability", "latency", "bandwidth", "compute")) {
        QosChallengeResult r = qosA.issueChallenge(IssueChallengeRequest.newBuilder().setProvider("node-b")
            .setType(type).setDifficulty(type.equals("bandwidth") ? 256 * 1024 : 0).setDeadlineMs(20_000).build());
        assertThat(r.getPassed()).as("%s: %s", type, r.getFailure()).isTrue();
        assertThat(r.getProvider()).isEqualTo(peerB);
        assertThat(r.getProof().isEmpty()).isFalse();
        passed.add(r);
      }
      assertThat(passed.get(1).getPingRttMs()).isPositive();
      assertThat(passed.get(2).getBytesPerSecond()).isPositive();

      // C verifies each proof from its bytes alone, and the test does too, with no node at all.
      for (QosChallengeResult r : passed) {
        var v = qosC.verifyProof(VerifyProofRequest.newBuilder().setId(r.getId()).setProof(r.getProof()).build());
        assertThat(v.getValid()).as(v.getReason()).isTrue();
        assertThat(v.getProvider()).isEqualTo(peerB);
        assertThat(ProofVerifier.verify(r.getProof().toByteArray()).valid()).isTrue();
      }
      // The last bytes of the export form are the provider's signature: flipping one leaves a readable proof that
      // is no longer the provider's.
      byte[] tampered = passed.get(3).getProof().toByteArray();
      int at = tampered.length - 1 - new Random(SEED).nextInt(64);
      tampered[at] ^= 1;
      var refused = qosC.verifyProof(VerifyProofRequest.newBuilder().setId(passed.get(3).getId())
          .setProof(ByteString.copyFrom(tampered)).build());
      assertThat(refused.getValid()).as("flipped byte %d (seed %d)", at, SEED).isFalse();
      assertThat(refused.getReason()).contains("not signed by the provider");

      // Over C's HTTP mirror: a genuine proof answered after its deadline is 408, bytes that are no proof 400.
      int httpC = c.ports().get("http");
      SignedProof late = lateProof();
      HttpResponse<String> lateAnswer = postJson(httpC, "/v1/qos/challenges/" + late.challenge().challenge().id()
          + "/verify", "{\"proof\": \"" + Base64.getEncoder().encodeToString(late.toBytes()) + "\"}");
      assertThat(lateAnswer.statusCode()).as(lateAnswer.body()).isEqualTo(408);
      assertThat(lateAnswer.body()).contains("DEADLINE_EXCEEDED").contains("after the deadline");
      HttpResponse<String> garbage = postJson(httpC, "/v1/qos/challenges/" + late.challenge().challenge().id()
          + "/verify", "{\"proof\": \"AAAA\"}");
      assertThat(garbage.statusCode()).as(garbage.body()).isEqualTo(400);
      assertThat(garbage.body()).contains("not a signed proof");

      QosProviderState healthy = qosA.getProviderState(GetProviderRequest.newBuilder().setProvider(peerB).build());
      assertThat(healthy.getChallenges()).isEqualTo(4);
      assertThat(healthy.getBanned()).isFalse();

      signal(b, "STOP");
      frozen = true;
      for (int i = 1; i <= 5; i++) {
        String type = i == 1 ? "latency" : "availability";
        QosChallengeResult r = qosA.issueChallenge(IssueChallengeRequest.newBuilder().setProvider(peerB)
            .setType(type).setDeadlineMs(500).build());
        assertThat(r.getPassed()).as("challenge %d to a frozen provider", i).isFalse();
        assertThat(r.getFailure()).contains("deadline");
        assertThat(r.getProof().isEmpty()).isTrue();
        QosProviderState s = qosA.getProviderState(GetProviderRequest.newBuilder().setProvider("node-b").build());
        assertThat(s.getConsecutiveFailures()).isEqualTo(i);
        assertThat(s.getBanned()).as("banned after %d failures", i).isEqualTo(i == 5);
      }
      QosProviderState banned = qosA.getProviderState(GetProviderRequest.newBuilder().setProvider(peerB).build());
      assertThat(banned.getScore().getComposite()).isLessThan(healthy.getScore().getComposite());
      assertThat(banned.getScore().getAvailability()).isLessThan(0.5);
      assertThat(banned.getSlashedFraction()).isGreaterThan(0.05);
      assertThat(banned.getBanReason()).contains("5 consecutive");
      assertThat(qosA.getProviderHistory(GetProviderHistoryRequest.newBuilder().setProvider(peerB).setLimit(3)
          .build()).getChallengesList()).hasSize(3).allSatisfy(r -> assertThat(r.getPassed()).isFalse());

      // The CLI, as a process of the packaged jar, reads the same state and refuses a bad type with exit 2.
      Path out = tmp.resolve("cli.out");
      assertThat(cli(out, "--endpoint", "127.0.0.1:" + grpcA, "qos", "state", "node-b", "-o", "json")).isZero();
      assertThat(Files.readString(out)).contains("\"banned\": true").contains("\"consecutiveFailures\": 5");
      assertThat(cli(out, "--endpoint", "127.0.0.1:" + grpcA, "qos", "history", peerB, "--limit", "2")).isZero();
      assertThat(Files.readString(out)).contains("CHALLENGE").contains("failed");
      assertThat(cli(out, "--endpoint", "127.0.0.1:" + grpcA, "qos", "challenge", "node-b", "--type", "speed"))
          .isEqualTo(2);
      assertThat(Files.readString(out)).contains("'speed' is not a challenge type");

      // A restart of A keeps what it knows of B (RocksDB), the ban included; read over the HTTP mirror.
      a.terminate(Duration.ofSeconds(30));
      NodeProcess again = start(nodes, tmp.resolve("a"), common, "--node-id", "node-a");
      int httpA = again.awaitReady(WAIT).get("http");
      HttpResponse<String> state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + httpA + "/v1/qos/providers/" + peerB + "/state")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(state.statusCode()).isEqualTo(200);
      assertThat(state.body()).contains("\"banned\": true").contains("\"consecutiveFailures\": 5");
      HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + httpA + "/v1/qos/providers/node-z/score")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.body()).contains("NOT_FOUND").contains("node-z");
    } finally {
      if (frozen) {
        signal(b, "CONT");
      }
      for (NodeProcess n : nodes) {
        n.close();
      }
    }
  }

  /** A proof signed by a provider 2 s after the challenge's deadline, with keys of this test. */
  private static SignedProof lateProof() {
    MutableClock clock = new MutableClock();
    Ed25519PrivateKey challengerKey = Ed25519PrivateKey.generate();
    Ed25519PrivateKey providerKey = Ed25519PrivateKey.generate();
    SignedChallenge challenge = new ChallengeIssuer(challengerKey, clock, new Random(SEED)).issue(
        ChallengeType.AVAILABILITY, ai.hanzo.libp2p.peer.PeerId.fromPublicKey(providerKey.publicKey()).toString(),
        0, Duration.ofSeconds(1));
    return SignedProof.sign(challenge, new byte[0], clock.instant().plusSeconds(3), providerKey);
  }

  private static HttpResponse<String> postJson(int httpPort, String path, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int cli(Path out, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", NodeProcess.jar().toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the CLI exits").isTrue();
      return p.exitValue();
    } finally {
      p.destroyForcibly();
    }
  }

  private static void signal(NodeProcess node, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(node.process().pid())).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  private static NodeProcess start(List<NodeProcess> nodes, Path dir, String[] common, String... extra)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(common));
    args.addAll(List.of(extra));
    NodeProcess p = NodeProcess.start(dir, args.toArray(String[]::new));
    nodes.add(p);
    return p;
  }

  private static NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin(int grpcPort) {
    return GrpcClients.builder("http://127.0.0.1:" + grpcPort).build(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
  }

  private static QosServiceGrpc.QosServiceBlockingStub qos(int grpcPort) {
    return GrpcClients.builder("http://127.0.0.1:" + grpcPort).build(QosServiceGrpc.QosServiceBlockingStub.class);
  }
}
