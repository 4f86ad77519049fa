package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.GetNetworkRequest;
import ai.hanzo.node.api.v1.GetProviderHistoryRequest;
import ai.hanzo.node.api.v1.GetProviderRequest;
import ai.hanzo.node.api.v1.IssueChallengeRequest;
import ai.hanzo.node.api.v1.ListPeersRequest;
import ai.hanzo.node.api.v1.ListProviderScoresRequest;
import ai.hanzo.node.api.v1.ListProviderScoresResponse;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.PeerInfo;
import ai.hanzo.node.api.v1.QosChallengeResult;
import ai.hanzo.node.api.v1.QosProviderScore;
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
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
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
 * for 24 h, which A still knows after a restart. Then scheduled sampling and the gossip of its signed results.
 */
class QosNodesIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final long SEED = 17;

  @Test
  void challengesPassThenAFrozenProviderIsBanned(@TempDir Path tmp) throws Exception {
    // No sampling here: this test counts the challenges it asks for.
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--qos-sample-interval", "0"};
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

      listProviderScoresKeepsTheOrderAskedAndIsBounded(qosA, peerB,
          admin(grpcC).getNetwork(GetNetworkRequest.getDefaultInstance()).getPeerId());

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

      respondRouteAnswersAsProviderAndRefusesWhatTheProtocolRefuses(httpC,
          admin(grpcC).getNetwork(GetNetworkRequest.getDefaultInstance()).getPeerId(), peerB);

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

  /**
   * A samples its peers every second or so and gossips the signed results; C, which samples nobody, verifies them
   * and folds A's passes of B into its own record of B (with A as the challenger), the very challenges A ran.
   */
  @Test
  void scheduledSamplesAreGossipedAndFoldedByThirdParties(@TempDir Path tmp) throws Exception {
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s"};
    List<NodeProcess> nodes = new ArrayList<>();
    try {
      NodeProcess a = start(nodes, tmp.resolve("a"), common, "--node-id", "node-a", "--qos-sample-interval", "1s",
          "--qos-sample-peers", "2");
      int grpcA = a.awaitReady(WAIT).get("grpc");
      String bootstrap = admin(grpcA).getNetwork(GetNetworkRequest.getDefaultInstance()).getListenAddressesList()
          .stream().filter(s -> s.startsWith("/ip4/127.0.0.1/")).findFirst().orElseThrow();
      NodeProcess b = start(nodes, tmp.resolve("b"), common, "--node-id", "node-b", "--bootstrap", bootstrap,
          "--qos-sample-interval", "0");
      NodeProcess c = start(nodes, tmp.resolve("c"), common, "--node-id", "node-c", "--bootstrap", bootstrap,
          "--qos-sample-interval", "0");
      int grpcB = b.awaitReady(WAIT).get("grpc");
      int grpcC = c.awaitReady(WAIT).get("grpc");
      String peerA = admin(grpcA).getNetwork(GetNetworkRequest.getDefaultInstance()).getPeerId();
      String peerB = admin(grpcB).getNetwork(GetNetworkRequest.getDefaultInstance()).getPeerId();
      String peerC = admin(grpcC).getNetwork(GetNetworkRequest.getDefaultInstance()).getPeerId();
      var qosA = qos(grpcA);
      var qosC = qos(grpcC);

      GetProviderHistoryRequest historyOfB = GetProviderHistoryRequest.newBuilder().setProvider(peerB).setLimit(500)
          .build();
      // NOT_FOUND until C folded a first result of B.
      await().atMost(WAIT).ignoreExceptions()
          .until(() -> qosC.getProviderHistory(historyOfB).getChallengesCount() >= 2);
      List<QosChallengeResult> folded = qosC.getProviderHistory(historyOfB).getChallengesList();
      assertThat(folded).allSatisfy(r -> {
        assertThat(r.getChallenger()).as("C challenged nobody").isEqualTo(peerA);
        assertThat(r.getPassed()).isTrue();
        assertThat(ProofVerifier.verify(r.getProof().toByteArray()).valid()).isTrue();
      });
      List<String> ranByA = qosA.getProviderHistory(historyOfB).getChallengesList().stream()
          .map(QosChallengeResult::getId).toList();
      assertThat(ranByA).containsAll(folded.stream().map(QosChallengeResult::getId).toList());
      QosProviderState atC = qosC.getProviderState(GetProviderRequest.newBuilder().setProvider(peerB).build());
      assertThat(atC.getChallenges()).isGreaterThanOrEqualTo(2);
      assertThat(atC.getConsecutiveFailures()).isZero();
      // A samples C too (2 peers a round, B and C its only peers), and nobody sampled A.
      await().atMost(WAIT).ignoreExceptions().until(() -> qosA.getProviderHistory(
          GetProviderHistoryRequest.newBuilder().setProvider(peerC).setLimit(5).build()).getChallengesCount() > 0);
      assertThatThrownBy(() -> qos(grpcB).getProviderHistory(GetProviderHistoryRequest.newBuilder()
          .setProvider(peerA).setLimit(5).build())).as("nobody challenged A").hasMessageContaining("NOT_FOUND");
    } finally {
      for (NodeProcess n : nodes) {
        n.close();
      }
    }
  }

  /**
   * POST /v1/qos/challenges/{id}/respond: C answers, as the provider, challenges signed by a key of this test (no
   * node of its own): a proof anyone verifies; a replay 409, a forged signature 403, a challenge past its deadline
   * 408, one for another provider or bytes that are no challenge 400.
   */
  private static void respondRouteAnswersAsProviderAndRefusesWhatTheProtocolRefuses(int httpC, String peerC,
      String peerB) throws Exception {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate();
    ChallengeIssuer issuer = new ChallengeIssuer(key, java.time.Clock.systemUTC(), new Random(SEED));
    for (ChallengeType type : List.of(ChallengeType.AVAILABILITY, ChallengeType.COMPUTE)) {
      SignedChallenge c = issuer.issue(type, peerC, type == ChallengeType.COMPUTE ? 12 : 0, Duration.ofSeconds(20));
      HttpResponse<String> answered = respond(httpC, c.challenge().id(), c.toBytes());
      assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
      String proof = answered.body().replaceAll("(?s).*\"proof\": \"([^\"]+)\".*", "$1");
      byte[] proofBytes = Base64.getDecoder().decode(proof);
      assertThat(ProofVerifier.verify(proofBytes).valid()).as(type.label()).isTrue();
      assertThat(SignedProof.fromBytes(proofBytes).challenge()).isEqualTo(c);
      HttpResponse<String> replay = respond(httpC, c.challenge().id(), c.toBytes());
      assertThat(replay.statusCode()).as(replay.body()).isEqualTo(409);
      assertThat(replay.body()).contains("answered already");
    }
    SignedChallenge fresh = issuer.issue(ChallengeType.AVAILABILITY, peerC, 0, Duration.ofSeconds(20));
    byte[] forged = fresh.toBytes();
    forged[forged.length - 1 - new Random(SEED).nextInt(64)] ^= 1;
    HttpResponse<String> forgery = respond(httpC, fresh.challenge().id(), forged);
    assertThat(forgery.statusCode()).as(forgery.body()).isEqualTo(403);
    MutableClock past = new MutableClock(java.time.Instant.now().minusSeconds(120));
    SignedChallenge expired = new ChallengeIssuer(key, past, new Random(SEED + 1)).issue(ChallengeType.AVAILABILITY,
        peerC, 0, Duration.ofSeconds(1));
    HttpResponse<String> late = respond(httpC, expired.challenge().id(), expired.toBytes());
    assertThat(late.statusCode()).as(late.body()).isEqualTo(408);
    SignedChallenge forB = issuer.issue(ChallengeType.AVAILABILITY, peerB, 0, Duration.ofSeconds(20));
    HttpResponse<String> notMine = respond(httpC, forB.challenge().id(), forB.toBytes());
    assertThat(notMine.statusCode()).as(notMine.body()).isEqualTo(400);
    assertThat(notMine.body()).contains("this node is");
    HttpResponse<String> garbage = respond(httpC, fresh.challenge().id(), new byte[] {1, 2, 3});
    assertThat(garbage.statusCode()).as(garbage.body()).isEqualTo(400);
    assertThat(garbage.body()).contains("not a signed challenge");
  }

  private static HttpResponse<String> respond(int httpPort, String id, byte[] challenge) throws Exception {
    return postJson(httpPort, "/v1/qos/challenges/" + id + "/respond",
        "{\"challenge\": \"" + Base64.getEncoder().encodeToString(challenge) + "\"}");
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
    List<String> command = new ArrayList<>(NodeProcess.java());
    command.addAll(List.of("-jar", NodeProcess.jar().toString()));
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

  /**
   * ListProviderScores over gRPC (the network page's one call for every connected peer): with a record of C as well,
   * the scores come in the order asked, B named twice (node id and PeerId) counts once, a name A cannot resolve is
   * left out, and 65 names are INVALID_ARGUMENT naming the field.
   */
  private static void listProviderScoresKeepsTheOrderAskedAndIsBounded(QosServiceGrpc.QosServiceBlockingStub qosA,
      String peerB, String peerC) {
    QosChallengeResult c = qosA.issueChallenge(IssueChallengeRequest.newBuilder().setProvider(peerC)
        .setType("availability").setDeadlineMs(20_000).build());
    assertThat(c.getPassed()).as(c.getFailure()).isTrue();
    ListProviderScoresResponse scores = qosA.listProviderScores(ListProviderScoresRequest.newBuilder()
        .addProviders(peerC).addProviders("node-z").addProviders("node-b").addProviders(peerB).addProviders(peerC)
        .build());
    assertThat(scores.getScoresList()).extracting(QosProviderScore::getProvider).containsExactly(peerC, peerB);
    assertThat(scores.getScores(0).getChallenges()).isEqualTo(1);
    assertThat(scores.getScores(1).getChallenges()).isEqualTo(4);
    assertThat(qosA.listProviderScores(ListProviderScoresRequest.newBuilder().addProviders(peerB)
        .addProviders(peerC).build()).getScoresList()).extracting(QosProviderScore::getProvider)
        .containsExactly(peerB, peerC);

    ListProviderScoresRequest.Builder tooMany = ListProviderScoresRequest.newBuilder();
    for (int i = 0; i < 65; i++) {
      tooMany.addProviders(i % 2 == 0 ? peerB : "node-" + i);
    }
    assertThatThrownBy(() -> qosA.listProviderScores(tooMany.build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("providers").contains("at most 64").contains("65");
        });
  }

  private static NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin(int grpcPort) {
    return GrpcClients.builder("http://127.0.0.1:" + grpcPort).build(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
  }

  private static QosServiceGrpc.QosServiceBlockingStub qos(int grpcPort) {
    return GrpcClients.builder("http://127.0.0.1:" + grpcPort).build(QosServiceGrpc.QosServiceBlockingStub.class);
  }
}
