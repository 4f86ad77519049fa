package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.chain.OperatorHttp.Answer;
import ai.hanzo.node.qos.ScoreRules;
import ai.hanzo.node.testing.NodeProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

/**
 * The network the slashing ITs run on: a real anvil chain with the registry deployed, and three real node
 * processes each registered and staked under its own operator — S holds the registry's slasher account and runs
 * with {@code --qos-slash-quorum 2}, A challenges, P is the provider. Once started, S and A know each other and P,
 * and S has seen P pass its grace of challenges. Closing it resumes P, stops every node and the chain.
 */
final class SlashingNetwork implements AutoCloseable {
  static final BigInteger ETHER = BigInteger.TEN.pow(18);
  static final BigInteger STAKE = ETHER.multiply(BigInteger.TWO);
  // Three nodes and anvil on a loaded 2-core machine: a node alone has taken over 70 s to be ready.
  static final Duration WAIT = Duration.ofSeconds(180);

  final Anvil anvil;
  final RegistryTxs txs;
  final String operatorP;
  /** Every node's arguments for the chain and QoS. */
  private final String[] chain;
  /** S's arguments, to restart it with. */
  final String[] slasherArgs;
  final List<NodeProcess> nodes = new ArrayList<>();
  NodeProcess s;
  NodeProcess p;
  OperatorHttp httpS;
  OperatorHttp httpA;
  String peerP;
  String peerA;
  private boolean providerStopped;

  private SlashingNetwork(Anvil anvil, Path tmp) throws Exception {
    this.anvil = anvil;
    this.txs = new RegistryTxs(anvil);
    txs.deploy(anvil.account(0), ETHER, 3600, anvil.account(3).getAddress());
    this.operatorP = anvil.account(2).getAddress().toLowerCase();
    this.chain = new String[] {"--runtime", "process", "--chain-rpc", anvil.rpc().toString(), "--chain-id",
        Long.toString(anvil.chainId()), "--registry-contract", txs.registry(), "--chain-confirmations", "0",
        "--chain-poll-interval", "100ms", "--stake-refresh-blocks", "1", "--heartbeat-interval", "1s",
        "--qos-sample-interval", "0", "--operator-password-file",
        OperatorKeystores.passwordFile("pw", tmp).toString()};
    this.slasherArgs = with(chain, "--node-id", "slasher-s", "--qos-slash-quorum", "2",
        "--operator-keystore", OperatorKeystores.write(anvil.account(3), "pw", tmp.resolve("keys-s")).toString());
  }

  /** Starts the chain and the three nodes, S with {@code slasherEnv} added to its environment. */
  static SlashingNetwork start(Path tmp, Map<String, String> slasherEnv) throws Exception {
    Anvil anvil = Anvil.start();
    SlashingNetwork network = null;
    try {
      network = new SlashingNetwork(anvil, tmp);
      network.startNodes(tmp, slasherEnv);
      return network;
    } catch (Exception | Error e) {
      if (network != null) {
        network.close();
      } else {
        anvil.close();
      }
      throw e;
    }
  }

  private void startNodes(Path tmp, Map<String, String> slasherEnv) throws Exception {
    s = NodeProcess.start(tmp.resolve("s"), slasherEnv, slasherArgs);
    nodes.add(s);
    httpS = new OperatorHttp(s.awaitReady(WAIT).get("http"));
    register(httpS);
    String bootstrap = StreamSupport.stream(httpS.get("/v1/network").body().path("listenAddresses")
        .spliterator(), false).map(JsonNode::asText).filter(a -> a.startsWith("/ip4/127.0.0.1/"))
        .findFirst().orElseThrow();
    NodeProcess a = start(tmp.resolve("a"), with(chain, "--node-id", "challenger-a", "--bootstrap", bootstrap,
        "--operator-keystore", OperatorKeystores.write(anvil.account(1), "pw", tmp.resolve("keys-a")).toString()));
    p = start(tmp.resolve("p"), with(chain, "--node-id", "provider-p", "--bootstrap", bootstrap,
        "--operator-keystore", OperatorKeystores.write(anvil.account(2), "pw", tmp.resolve("keys-p")).toString()));
    httpA = new OperatorHttp(a.awaitReady(WAIT).get("http"));
    OperatorHttp httpP = new OperatorHttp(p.awaitReady(WAIT).get("http"));
    register(httpA);
    register(httpP);
    peerP = httpP.get("/v1/network").text("peerId");
    peerA = httpA.get("/v1/network").text("peerId");
    // A's results reach S over the mesh: wait until each knows the other and P.
    await().atMost(WAIT).until(() -> peers(httpS).containsAll(List.of(peerA, peerP))
        && peers(httpA).contains(peerP));
    // S sees P through its grace of challenges first: failures inside it slash nothing.
    for (int i = 0; i < ScoreRules.GRACE; i++) {
      Answer passed = challenge(httpS, peerP, 10_000);
      assertThat(passed.body().path("passed").asBoolean()).as(passed.toString()).isTrue();
    }
  }

  /** Freezes P with SIGSTOP and has S challenge it once: S's own failure, one voice. */
  Answer stopProviderAndFailItFromS() throws Exception {
    signal(p, "STOP");
    providerStopped = true;
    Answer own = challenge(httpS, peerP);
    assertThat(own.body().path("passed").asBoolean()).as(own.toString()).isFalse();
    return own;
  }

  /** Starts a node process that {@link #close} stops. */
  NodeProcess start(Path dir, String... args) throws Exception {
    NodeProcess n = NodeProcess.start(dir, args);
    nodes.add(n);
    return n;
  }

  @Override
  public void close() throws Exception {
    try {
      if (providerStopped) {
        signal(p, "CONT");
      }
      for (NodeProcess n : nodes) {
        n.close();
      }
    } finally {
      anvil.close();
    }
  }

  static void register(OperatorHttp http) throws Exception {
    Answer registered = http.post("/v1/operators/register", "{\"stake_wei\": \"" + STAKE + "\"}");
    assertThat(registered.text("state")).as(registered.toString()).isEqualTo("CONFIRMED");
  }

  static Answer challenge(OperatorHttp http, String provider) throws Exception {
    return challenge(http, provider, 500);
  }

  static Answer challenge(OperatorHttp http, String provider, int deadlineMs) throws Exception {
    return http.post("/v1/qos/challenges", "{\"provider\": \"" + provider + "\", \"type\": \"availability\","
        + " \"deadline_ms\": " + deadlineMs + "}");
  }

  static List<String> peers(OperatorHttp http) throws Exception {
    return StreamSupport.stream(http.get("/v1/peers").body().path("peers").spliterator(), false)
        .map(n -> n.path("peerId").asText()).toList();
  }

  static void signal(NodeProcess node, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(node.process().pid())).inheritIO()
        .start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  static String[] with(String[] base, String... more) {
    String[] all = Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}
