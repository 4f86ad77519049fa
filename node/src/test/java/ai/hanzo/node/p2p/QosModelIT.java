package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.GetNetworkRequest;
import ai.hanzo.node.api.v1.GetProviderRequest;
import ai.hanzo.node.api.v1.IssueChallengeRequest;
import ai.hanzo.node.api.v1.ListPeersRequest;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.QosChallengeResult;
import ai.hanzo.node.api.v1.QosServiceGrpc;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.qos.ChallengeType;
import ai.hanzo.node.qos.ProofVerifier;
import ai.hanzo.node.qos.SignedProof;
import ai.hanzo.node.testing.NodeProcess;
import ai.hanzo.testing.gguf.TinyLlama;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model challenges between three real node processes on loopback, each running llama.cpp on a generated tiny GGUF
 * model: A and B serve {@code tiny} with the same weights, C serves a {@code tiny} with other weights (a provider
 * that claims a model it does not run). A's challenge of B passes (B's tokens are those A generates itself for the
 * same seeded prompt at temperature 0) and carries a tokens-per-second rate and a proof anyone verifies offline;
 * A's challenge of C fails because C's tokens differ. A refuses to challenge for a model it does not serve (it
 * could not check the answer), and a model challenge without a model is refused as bad input.
 */
class QosModelIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void aProviderPassesWithTheModelsTokensAndFailsWithOtherWeights(@TempDir Path tmp) throws Exception {
    System.out.println("QosModelIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    Path genuine = TinyLlama.write(Files.createDirectories(tmp.resolve("genuine")), SEED);
    Path other = TinyLlama.write(Files.createDirectories(tmp.resolve("other")), SEED + 1);
    ModelStore.in(tmp.resolve("a"), Clock.systemUTC()).add(genuine, "tiny");
    ModelStore.in(tmp.resolve("b"), Clock.systemUTC()).add(genuine, "tiny");
    ModelStore.in(tmp.resolve("c"), Clock.systemUTC()).add(other, "tiny");
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--qos-sample-interval", "0",
        "--model-memory-budget", "64MiB"};
    List<NodeProcess> nodes = new ArrayList<>();
    try {
      NodeProcess a = start(nodes, tmp.resolve("a"), common, "--node-id", "node-a");
      int grpcA = a.awaitReady(WAIT).get("grpc");
      String bootstrap = admin(grpcA).getNetwork(GetNetworkRequest.getDefaultInstance()).getListenAddressesList()
          .stream().filter(s -> s.startsWith("/ip4/127.0.0.1/")).findFirst().orElseThrow();
      NodeProcess b = start(nodes, tmp.resolve("b"), common, "--node-id", "node-b", "--bootstrap", bootstrap);
      NodeProcess c = start(nodes, tmp.resolve("c"), common, "--node-id", "node-c", "--bootstrap", bootstrap);
      b.awaitReady(WAIT);
      c.awaitReady(WAIT);
      await().atMost(WAIT).until(() -> admin(grpcA).listPeers(ListPeersRequest.getDefaultInstance())
          .getPeersList().stream().map(p -> p.getNodeId()).toList(), ids -> ids.containsAll(List.of("node-b",
          "node-c")));
      var qosA = qos(grpcA);

      QosChallengeResult passed = qosA.issueChallenge(model("node-b", "tiny", 12));
      assertThat(passed.getPassed()).as(passed.getFailure()).isTrue();
      assertThat(passed.getType()).isEqualTo("model");
      assertThat(passed.getBytesPerSecond()).as("tokens per second").isPositive();
      SignedProof proof = SignedProof.fromBytes(passed.getProof().toByteArray());
      assertThat(proof.challenge().challenge().type()).isEqualTo(ChallengeType.MODEL);
      assertThat(proof.challenge().challenge().model()).isEqualTo("tiny");
      assertThat(new String(proof.answer(), StandardCharsets.UTF_8)).isNotEmpty();
      assertThat(ProofVerifier.verify(passed.getProof().toByteArray()).valid()).isTrue();

      QosChallengeResult cheated = qosA.issueChallenge(model("node-c", "tiny", 12));
      assertThat(cheated.getPassed()).isFalse();
      assertThat(cheated.getFailure()).contains("differ from this node's run");
      assertThat(cheated.getProof().isEmpty()).as("the provider's signed, wrong tokens are kept").isFalse();
      assertThat(qosA.getProviderState(GetProviderRequest.newBuilder().setProvider("node-c").build())
          .getFailures()).isEqualTo(1);

      // A does not serve "elsewhere": it could not check an answer, so it refuses to challenge for it.
      assertThatThrownBy(() -> qosA.issueChallenge(model("node-b", "elsewhere", 4)))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(e.getStatus().getDescription()).contains("does not serve model 'elsewhere'");
          });
      assertThatThrownBy(() -> qosA.issueChallenge(model("node-b", "", 4)))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains("model");
          });
      assertThatThrownBy(() -> qosA.issueChallenge(model("node-b", "tiny", 65)))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
      for (NodeProcess n : nodes) {
        assertThat(n.terminate(Duration.ofSeconds(30))).as(n.output()).isZero();
      }
    } finally {
      for (NodeProcess n : nodes) {
        n.close();
      }
    }
  }

  /**
   * The scheduled sampler includes model challenges: A samples every second and serves {@code tiny} as B announces
   * it does, so among its sampled challenge types is a 16-token model challenge of B, which passes and is scored
   * into B's state like any other.
   */
  @Test
  void theSamplerChallengesAPeerWithAModelBothServe(@TempDir Path tmp) throws Exception {
    Path genuine = TinyLlama.write(Files.createDirectories(tmp.resolve("genuine")), SEED);
    ModelStore.in(tmp.resolve("a"), Clock.systemUTC()).add(genuine, "tiny");
    ModelStore.in(tmp.resolve("b"), Clock.systemUTC()).add(genuine, "tiny");
    String[] common = {"--runtime", "process", "--heartbeat-interval", "1s", "--model-memory-budget", "64MiB"};
    List<NodeProcess> nodes = new ArrayList<>();
    try {
      NodeProcess a = start(nodes, tmp.resolve("a"), common, "--node-id", "node-a", "--qos-sample-interval", "1s",
          "--qos-sample-peers", "1");
      int grpcA = a.awaitReady(WAIT).get("grpc");
      String bootstrap = admin(grpcA).getNetwork(GetNetworkRequest.getDefaultInstance()).getListenAddressesList()
          .stream().filter(s -> s.startsWith("/ip4/127.0.0.1/")).findFirst().orElseThrow();
      NodeProcess b = start(nodes, tmp.resolve("b"), common, "--node-id", "node-b", "--bootstrap", bootstrap,
          "--qos-sample-interval", "0");
      b.awaitReady(WAIT);
      var qosA = qos(grpcA);
      QosChallengeResult sampled = await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
        try {
          return qosA.getProviderHistory(ai.hanzo.node.api.v1.GetProviderHistoryRequest.newBuilder()
              .setProvider("node-b").setLimit(500).build()).getChallengesList().stream()
              .filter(c -> c.getType().equals("model")).findFirst();
        } catch (StatusRuntimeException notYet) {
          return java.util.Optional.<QosChallengeResult>empty();
        }
      }, java.util.Optional::isPresent).orElseThrow();
      assertThat(sampled.getPassed()).as(sampled.getFailure()).isTrue();
      assertThat(sampled.getDifficulty()).as("tokens").isEqualTo(16);
      assertThat(sampled.getBytesPerSecond()).as("tokens per second").isPositive();
      assertThat(ProofVerifier.verify(sampled.getProof().toByteArray()).valid()).isTrue();
      assertThat(qosA.getProviderState(GetProviderRequest.newBuilder().setProvider("node-b").build())
          .getChallenges()).as("the model challenge was scored with the others").isPositive();
      for (NodeProcess n : nodes) {
        assertThat(n.terminate(Duration.ofSeconds(30))).as(n.output()).isZero();
      }
    } finally {
      for (NodeProcess n : nodes) {
        n.close();
      }
    }
  }

  private static IssueChallengeRequest model(String provider, String model, int tokens) {
    return IssueChallengeRequest.newBuilder().setProvider(provider).setType("model").setModel(model)
        .setDifficulty(tokens).setDeadlineMs(60_000).build();
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
    return GrpcClients.builder("http://127.0.0.1:" + grpcPort)
        .build(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
  }

  private static QosServiceGrpc.QosServiceBlockingStub qos(int grpcPort) {
    return GrpcClients.builder("http://127.0.0.1:" + grpcPort).build(QosServiceGrpc.QosServiceBlockingStub.class);
  }
}
