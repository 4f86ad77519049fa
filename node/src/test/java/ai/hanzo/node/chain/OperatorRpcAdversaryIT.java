package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.chain.OperatorHttp.Answer;
import ai.hanzo.node.chain.RpcAdversary.Mode;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import ai.hanzo.node.testing.CliRun;
import ai.hanzo.node.testing.NodeProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * A real node process whose chain RPC is an adversary ({@link RpcAdversary}): it hangs, stalls after the headers,
 * answers HTML, JSON of the wrong types, numbers beyond uint256, or drops the connection. For each, every operator
 * route (register, stake increase and decrease, exit, withdraw, deregister, status), called all at once, answers
 * UNAVAILABLE in one line naming the RPC by host and port within the API's answer time; meanwhile GetHealth and
 * other routes answer at once (nothing waits for the RPC on the event loop), and GetHealth reports the chain as not
 * synced. The CLI verbs and {@code deploy-contracts} exit 1 with one line. Nothing is half-done: the RPC was never
 * asked to take a transaction, and the node's journal is empty after it stopped.
 */
class OperatorRpcAdversaryIT {
  /** What one route may take: the API's 8 s answer time, and room for a loaded machine. */
  private static final Duration ANSWER_BOUND = Duration.ofSeconds(12);
  /** What a route that does not touch the chain may take while the operator calls wait for the RPC. */
  private static final Duration OTHER_ROUTE_BOUND = Duration.ofSeconds(3);
  private static final String REGISTRY = "0x" + "42".repeat(20);

  @Test
  void everyOperatorCallFailsCleanlyAndBoundedAgainstAnRpcThatHangsOrAnswersGarbage(@TempDir Path tmp)
      throws Exception {
    Credentials account = Credentials.create("0x" + "5a".repeat(32)); // nothing reaches a chain: any key will do
    String address = account.getAddress().toLowerCase();
    Path keystore = OperatorKeystores.write(account, "pw", tmp.resolve("keys"));
    Path passwordFile = OperatorKeystores.passwordFile("pw", tmp);
    Path data = tmp.resolve("data");
    try (RpcAdversary rpc = RpcAdversary.start(null, 1337, Mode.HANG)) {
      String shown = "127.0.0.1:" + rpc.rpc().getPort();
      try (NodeProcess node = NodeProcess.start(data, "--runtime", "process", "--node-id", "adversary-node",
          "--chain-rpc", rpc.rpc() + "/secret-key-path", "--chain-id", "1337", "--registry-contract", REGISTRY,
          "--chain-confirmations", "0", "--chain-poll-interval", "1s", "--chain-rpc-timeout", "1s",
          "--operator-keystore", keystore.toString(), "--operator-password-file", passwordFile.toString())) {
        Map<String, Integer> ports = node.awaitReady(Duration.ofSeconds(60));
        OperatorHttp http = new OperatorHttp(ports.get("http"));
        for (Mode mode : List.of(Mode.HANG, Mode.STALL_BODY, Mode.NOT_JSON, Mode.WRONG_TYPES, Mode.HUGE_NUMBERS,
            Mode.DROP)) {
          rpc.mode(mode);
          everyRouteIsUnavailableWhileOthersAnswer(http, address, shown, mode);
        }

        rpc.mode(Mode.HANG);
        String endpoint = "127.0.0.1:" + ports.get("grpc");
        List<CompletableFuture<CliRun>> runs = new ArrayList<>();
        for (List<String> verb : List.of(List.of("status"), List.of("register", "--stake", "1"),
            List.of("stake", "1"), List.of("unstake", "1"), List.of("withdraw"))) {
          List<String> args = new ArrayList<>(List.of("operator"));
          args.addAll(verb);
          args.addAll(List.of("--endpoint", endpoint));
          runs.add(CompletableFuture.supplyAsync(() -> cli(args)));
        }
        runs.add(CompletableFuture.supplyAsync(() -> cli(List.of("operator", "deploy-contracts", "--chain-rpc",
            rpc.rpc().toString(), "--chain-id", "1337", "--operator-keystore", keystore.toString(),
            "--operator-password-file", passwordFile.toString()))));
        for (CompletableFuture<CliRun> run : runs) {
          CliRun done = run.get(90, TimeUnit.SECONDS);
          assertThat(done.exit()).as(done.out()).isEqualTo(1);
          assertThat(done.out().strip()).as("one line").doesNotContain("\n").contains(shown)
              .doesNotContain("secret-key-path");
        }
        assertThat(node.output()).as("no call failed as the node's own error")
            .doesNotContain("Unexpected error serving a request").doesNotContain("secret-key-path");
      }
      assertThat(rpc.methods()).as("the RPC was never asked to take a transaction")
          .isNotEmpty().doesNotContain("eth_sendRawTransaction");
    }
    try (NodeDatabase db = NodeDatabase.open(StorageOptions.defaults(data))) {
      assertThat(db.chainTxs().list()).as("nothing journaled: nothing is half-done").isEmpty();
    }
  }

  private static void everyRouteIsUnavailableWhileOthersAnswer(OperatorHttp http, String address, String shown,
      Mode mode) throws Exception {
    Map<String, CompletableFuture<HttpResponse<String>>> calls = new LinkedHashMap<>();
    long start = System.nanoTime();
    calls.put("register", http.postAsync("/v1/operators/register", "{\"stake_wei\": \"1000\"}"));
    calls.put("increase", http.postAsync("/v1/operators/" + address + "/stake",
        "{\"action\": \"increase\", \"amount\": \"1\"}"));
    calls.put("decrease", http.postAsync("/v1/operators/" + address + "/stake",
        "{\"action\": \"decrease\", \"amount\": \"1\"}"));
    calls.put("exit", http.postAsync("/v1/operators/" + address + "/exit", "{}"));
    calls.put("withdraw", http.postAsync("/v1/operators/" + address + "/withdraw", "{}"));
    calls.put("deregister", http.postAsync("/v1/operators/" + address + "/deregister", "{}"));
    calls.put("status", http.getAsync("/v1/operators/" + address + "/status"));

    // While seven calls wait for the RPC: GetHealth and a route of the node itself answer at once.
    long healthStart = System.nanoTime();
    Answer health = http.get("/health");
    Answer network = http.get("/v1/network");
    Duration others = Duration.ofNanos(System.nanoTime() - healthStart);
    // Nothing the operator calls hold is shared with these two routes (the sender's reads have a pool of their own,
    // each bounded by --chain-rpc-timeout; GetHealth reads the follower's last status): a miss is the machine's load,
    // which the message shows.
    assertThat(others).as("%s: GetHealth and /v1/network while the operator calls wait (load average %.1f)", mode,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
        .isLessThan(OTHER_ROUTE_BOUND);
    assertThat(health.status()).isEqualTo(200);
    assertThat(network.status()).isEqualTo(200);
    JsonNode consensus = health.body().path("consensus");
    assertThat(consensus.path("synced").asBoolean()).as("%s: %s", mode, health).isFalse();
    assertThat(consensus.path("networkId").asText()).isEqualTo("1337");
    assertThat(health.body().path("checks").findValuesAsText("reason")).as("%s: %s", mode, health)
        .anyMatch(reason -> reason.startsWith("the chain RPC does not answer"));

    for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> call : calls.entrySet()) {
      HttpResponse<String> response = call.getValue().get(ANSWER_BOUND.toSeconds() + 5, TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      Answer answer = http.answerOf(response);
      String what = mode + " " + call.getKey() + ": " + answer + " after " + took.toMillis() + " ms";
      assertThat(took).as(what).isLessThan(ANSWER_BOUND);
      assertThat(answer.status()).as(what).isEqualTo(503);
      assertThat(answer.text("code")).as(what).isEqualTo("UNAVAILABLE");
      assertThat(answer.text("message")).as(what).contains(shown).doesNotContain("secret-key-path")
          .doesNotContain("\n").hasSizeLessThan(600);
    }
  }

  private static CliRun cli(List<String> args) {
    try {
      return CliRun.of(args.toArray(String[]::new));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
