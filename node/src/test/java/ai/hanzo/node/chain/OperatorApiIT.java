package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.app.CapabilitiesHash;
import ai.hanzo.node.chain.OperatorHttp.Answer;
import ai.hanzo.node.p2p.gossip.Capabilities;
import ai.hanzo.node.p2p.gpu.GpuDetector;
import ai.hanzo.node.testing.NodeProcess;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.crypto.Credentials;

/**
 * A real node process with an operator keystore, on a real anvil chain with the registry deployed, driven through
 * its HTTP API: bad amounts and refusals change nothing on chain; then register, status, increase, decrease, the
 * unbonding period (anvil's evm_increaseTime) and withdraw. The refusals run first, on the unregistered node.
 *
 * <p>The node polls the chain only once a minute ({@code --chain-poll-interval 1m}, the most it takes), so every call
 * that answers CONFIRMED (within the API's 8 s) shows that the node waits for its own transactions eagerly, not at
 * the poll interval: anvil mines each transaction on arrival.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorApiIT {
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final long UNBONDING = 7 * 24 * 3600;
  private static final String NODE_ID = "op-node-a";

  private static Anvil anvil;
  private static RegistryTxs txs;
  private static AnvilControl control;
  private static NodeProcess node;
  private static OperatorHttp http;
  private static Credentials operator;
  private static String address;
  private static Path root;

  @BeforeAll
  static void startChainAndNode() throws Exception {
    Contracts.assumeAvailable();
    root = Files.createTempDirectory("operator-api");
    anvil = Anvil.start();
    txs = new RegistryTxs(anvil);
    control = new AnvilControl(anvil);
    txs.deploy(anvil.account(0), ETHER, UNBONDING, anvil.account(9).getAddress());
    operator = anvil.account(1);
    address = operator.getAddress().toLowerCase();
    Path keystore = OperatorKeystores.write(operator, "correct horse", root.resolve("keys"));
    node = NodeProcess.start(root.resolve("data"), "--runtime", "process", "--node-id", NODE_ID,
        "--chain-rpc", anvil.rpc().toString(), "--chain-id", Long.toString(anvil.chainId()),
        "--registry-contract", txs.registry(), "--chain-confirmations", "0", "--chain-poll-interval", "1m",
        "--operator-keystore", keystore.toString(),
        "--operator-password-file", OperatorKeystores.passwordFile("correct horse", root).toString());
    http = new OperatorHttp(node.awaitReady(Duration.ofSeconds(60)).get("http"));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (node != null) {
        node.close();
      }
    } finally {
      if (anvil != null) {
        anvil.close();
      }
    }
  }

  @Test
  @Order(1)
  void amountsThatAreNotWholeUint256WeiAreInvalidArgumentAndSendNothing() throws Exception {
    long nonce = control.nonce(address, "pending");
    for (String bad : List.of("-1", "1.5", "1e18", "0x10", "", BigInteger.TWO.pow(256).toString())) {
      Answer increase = http.post("/v1/operators/" + address + "/stake",
          "{\"action\": \"increase\", \"amount\": \"" + bad + "\"}");
      assertThat(increase.status()).as("amount '%s': %s", bad, increase).isEqualTo(400);
      assertThat(increase.text("code")).isEqualTo("INVALID_ARGUMENT");
      assertThat(increase.text("message")).startsWith("amount: ");
      Answer register = http.post("/v1/operators/register", "{\"stake_wei\": \"" + bad + "\"}");
      if (!bad.isEmpty()) {
        assertThat(register.status()).as("stake '%s': %s", bad, register).isEqualTo(400);
        assertThat(register.text("message")).startsWith("stake_wei: ");
      }
    }
    assertThat(http.post("/v1/operators/" + address + "/stake", "{\"action\": \"sideways\", \"amount\": \"1\"}")
        .text("message")).contains("\"increase\" or \"decrease\"");
    assertThat(http.post("/v1/operators/" + address + "/stake", "{\"action\": \"increase\", \"amount\": \"0\"}")
        .status()).isEqualTo(400);
    assertThat(control.nonce(address, "pending")).as("nothing was sent").isEqualTo(nonce);
  }

  @Test
  @Order(2)
  void aStakeBelowTheMinimumOrBeyondTheFundsIsFailedPreconditionAndSendsNothing() throws Exception {
    long nonce = control.nonce(address, "pending");
    Answer below = http.post("/v1/operators/register", "{\"stake_wei\": \"" + ETHER.divide(BigInteger.TWO) + "\"}");
    assertThat(below.status()).as(below.toString()).isEqualTo(412);
    assertThat(below.text("code")).isEqualTo("FAILED_PRECONDITION");
    assertThat(below.text("message")).contains("below the registry's minimum of " + ETHER + " wei");

    Answer broke = http.post("/v1/operators/register", "{\"stake_wei\": \"" + ETHER.multiply(BigInteger.valueOf(
        20_000)) + "\"}");
    assertThat(broke.status()).as(broke.toString()).isEqualTo(412);
    assertThat(broke.text("message")).contains("insufficient funds");

    Answer nothingToWithdraw = http.post("/v1/operators/" + address + "/withdraw", "");
    assertThat(nothingToWithdraw.status()).as(nothingToWithdraw.toString()).isEqualTo(412);
    assertThat(nothingToWithdraw.text("message")).contains("nothing is unbonding");

    Answer other = http.post("/v1/operators/" + anvil.account(2).getAddress().toLowerCase() + "/stake",
        "{\"action\": \"increase\", \"amount\": \"1\"}");
    assertThat(other.status()).as(other.toString()).isEqualTo(412);
    assertThat(other.text("message")).contains("this node signs for operator " + address);

    assertThat(control.nonce(address, "pending")).as("nothing was sent").isEqualTo(nonce);
    Answer status = http.status(address);
    assertThat(status.status()).as(status.toString()).isEqualTo(200);
    assertThat(status.text("stakeWei")).isEqualTo("0");
    assertThat(status.body().path("nodeCount").asLong()).isZero();
    assertThat(status.text("nodeOperator")).isEmpty();
    assertThat(http.status("0x1234").status()).as("a malformed address").isEqualTo(400);
  }

  @Test
  @Order(3)
  void browsersCannotMoveStake() throws Exception {
    long nonce = control.nonce(address, "pending");
    Answer foreign = http.send(http.postRequest("/v1/operators/" + address + "/stake",
        "{\"action\": \"increase\", \"amount\": \"1000\"}").header("Origin", "http://evil.example").build());
    assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
    Answer untyped = http.send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + node.ports().get("http") + "/v1/operators/" + address + "/stake"))
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("{\"action\": \"increase\", \"amount\": \"1000\"}")).build());
    assertThat(untyped.status()).as(untyped.toString()).isEqualTo(415);
    assertThat(control.nonce(address, "pending")).as("nothing was sent").isEqualTo(nonce);
  }

  @Test
  @Order(4)
  void registerStakeUnbondAndWithdrawThroughTheApi() throws Exception {
    Answer registered = http.post("/v1/operators/register", "{\"stake_wei\": \"" + ETHER.multiply(BigInteger.TWO)
        + "\", \"endpoint\": \"http://10.0.0.7:8080\"}");
    assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
    assertThat(registered.text("state")).isEqualTo("CONFIRMED");
    assertThat(registered.text("action")).isEqualTo("register");
    assertThat(control.receipt(registered.text("txHash"))).isPresent();
    // EIP-1559 (type 2) with the fees the node priced: a tip and a fee cap at least the tip.
    com.fasterxml.jackson.databind.JsonNode sent = control.transaction(registered.text("txHash")).orElseThrow();
    assertThat(sent.path("type").asText()).as(sent.toString()).isEqualTo("0x2");
    BigInteger tip = new BigInteger(sent.path("maxPriorityFeePerGas").asText().substring(2), 16);
    assertThat(tip.signum()).as(sent.toString()).isPositive();
    assertThat(new BigInteger(sent.path("maxFeePerGas").asText().substring(2), 16)).isGreaterThanOrEqualTo(tip);

    Answer status = http.status(address);
    assertThat(status.text("stakeWei")).isEqualTo(ETHER.multiply(BigInteger.TWO).toString());
    assertThat(status.body().path("nodeCount").asLong()).isEqualTo(1);
    assertThat(status.text("nodeOperator")).isEqualTo(address);
    assertThat(status.text("minStakeWei")).isEqualTo(ETHER.toString());
    assertThat(status.body().path("pending").size()).isZero();
    // The binding on chain verifies off chain with the PeerId's own key, for this operator, chain and registry.
    @SuppressWarnings("rawtypes")
    List<Type> stored = txs.call(new Function("getNode", List.of(new Utf8String(NODE_ID)), List.of(
        new TypeReference<Address>() {}, new TypeReference<DynamicBytes>() {}, new TypeReference<Utf8String>() {},
        new TypeReference<Bytes32>() {}, new TypeReference<DynamicBytes>() {})));
    assertThat(stored.get(2).getValue()).isEqualTo("http://10.0.0.7:8080");
    PeerId peer = PeerId.fromBytes((byte[]) stored.get(1).getValue());
    assertThat(peer.toString()).as("the node's own PeerId").isEqualTo(http.get("/v1/network").text("peerId"));
    assertThat(peer.publicKey().orElseThrow().verify(RegistryAbi.bindingMessage(address, anvil.chainId(),
        txs.registry()), (byte[]) stored.get(4).getValue())).isTrue();
    // No capabilities hash given: the node registered the hash of its own capabilities, as its heartbeats announce
    // them (this host's processors, memory and data-dir disk, no GPU, the process runtime).
    String ownCapabilities = "0x" + HexFormat.of().formatHex(CapabilitiesHash.of(thisHostsCapabilities()));
    assertThat("0x" + HexFormat.of().formatHex((byte[]) stored.get(3).getValue())).isEqualTo(ownCapabilities);
    assertThat(status.text("capabilitiesHash")).isEqualTo(ownCapabilities);
    assertThat(status.text("registeredCapabilitiesHash")).isEqualTo(ownCapabilities);

    Answer again = http.post("/v1/operators/register", "{\"stake_wei\": \"" + ETHER + "\"}");
    assertThat(again.status()).as(again.toString()).isEqualTo(412);
    assertThat(again.text("message")).contains("already registered");

    Answer increased = http.post("/v1/operators/" + address + "/stake",
        "{\"action\": \"increase\", \"amount\": \"" + ETHER + "\"}");
    assertThat(increased.text("state")).as(increased.toString()).isEqualTo("CONFIRMED");
    assertThat(http.status(address).text("stakeWei")).isEqualTo(ETHER.multiply(BigInteger.valueOf(3)).toString());

    Answer tooMuch = http.post("/v1/operators/" + address + "/stake",
        "{\"action\": \"decrease\", \"amount\": \"" + ETHER.multiply(BigInteger.valueOf(3)) + "\"}");
    assertThat(tooMuch.status()).as("a registered node keeps the minimum: " + tooMuch).isEqualTo(412);
    assertThat(tooMuch.text("message")).contains("below the registry's minimum");

    Answer decreased = http.post("/v1/operators/" + address + "/stake",
        "{\"action\": \"decrease\", \"amount\": \"" + ETHER.multiply(BigInteger.TWO) + "\"}");
    assertThat(decreased.text("state")).as(decreased.toString()).isEqualTo("CONFIRMED");
    Answer unbonding = http.status(address);
    assertThat(unbonding.text("stakeWei")).isEqualTo(ETHER.toString());
    assertThat(unbonding.text("unbondingWei")).isEqualTo(ETHER.multiply(BigInteger.TWO).toString());
    assertThat(unbonding.body().path("unbondingEndUnix").asLong()).isPositive();

    Answer early = http.post("/v1/operators/" + address + "/withdraw", "{}");
    assertThat(early.status()).as(early.toString()).isEqualTo(412);
    assertThat(early.text("message")).contains("unbonding until");
    Answer exit = http.post("/v1/operators/" + address + "/exit", "{}");
    assertThat(exit.status()).as(exit.toString()).isEqualTo(412);
    assertThat(exit.text("message")).contains("still has 1 node(s) registered");

    txs.advanceTime(UNBONDING + 60);
    BigInteger before = txs.balance(address);
    Answer withdrawn = http.post("/v1/operators/" + address + "/withdraw", "{}");
    assertThat(withdrawn.text("state")).as(withdrawn.toString()).isEqualTo("CONFIRMED");
    BigInteger gained = txs.balance(address).subtract(before);
    assertThat(gained).as("2 ether paid out, less the gas").isGreaterThan(ETHER.multiply(BigInteger.TWO)
        .subtract(ETHER.divide(BigInteger.valueOf(100)))).isLessThanOrEqualTo(ETHER.multiply(BigInteger.TWO));
    Answer after = http.status(address);
    assertThat(after.text("unbondingWei")).isEqualTo("0");
    assertThat(after.text("stakeWei")).isEqualTo(ETHER.toString());
    assertThat(control.nonce(address, "latest")).as("one transaction per successful call").isEqualTo(4);
  }

  @Test
  @Order(5)
  void deregisteringTheNodeRemovesItAndItsBindingAndLetsTheOperatorExit() throws Exception {
    long nonce = control.nonce(address, "latest");
    Answer tooLong = http.post("/v1/operators/" + address + "/deregister", "{\"node_id\": \"" + "n".repeat(129)
        + "\"}");
    assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
    assertThat(tooLong.text("message")).startsWith("node_id: ");
    Answer stranger = http.post("/v1/operators/" + address + "/deregister", "{\"node_id\": \"someone-else\"}");
    assertThat(stranger.status()).as(stranger.toString()).isEqualTo(412);
    assertThat(stranger.text("message")).contains("'someone-else' is not registered under this operator");
    Answer otherOperator = http.post("/v1/operators/0x" + "1".repeat(40) + "/deregister", "{}");
    assertThat(otherOperator.status()).as(otherOperator.toString()).isEqualTo(412);
    assertThat(control.nonce(address, "latest")).as("nothing was sent").isEqualTo(nonce);

    Answer deregistered = http.post("/v1/operators/" + address + "/deregister", "{}");
    assertThat(deregistered.text("state")).as(deregistered.toString()).isEqualTo("CONFIRMED");
    assertThat(deregistered.text("action")).isEqualTo("deregister");
    Answer status = http.status(address);
    assertThat(status.body().path("nodeCount").asLong()).isZero();
    assertThat(status.text("nodeOperator")).as("this node is registered under nobody now").isEmpty();
    assertThat(status.text("stakeWei")).as("the stake stays").isEqualTo(ETHER.toString());
    assertThat(status.text("registeredCapabilitiesHash")).isEmpty();
    Answer exit = http.post("/v1/operators/" + address + "/exit", "{}");
    assertThat(exit.text("state")).as(exit.toString()).isEqualTo("CONFIRMED");
    assertThat(control.nonce(address, "latest")).isEqualTo(nonce + 2);
  }

  @Test
  @Order(6)
  void aCapabilitiesHashTheCallerGivesWinsOverTheNodesOwn() throws Exception {
    String given = "0x" + "ab".repeat(32);
    Answer badHash = http.post("/v1/operators/register", "{\"stake_wei\": \"" + ETHER
        + "\", \"capabilities_hash\": \"0xabc\"}");
    assertThat(badHash.status()).as(badHash.toString()).isEqualTo(400);
    assertThat(badHash.text("message")).startsWith("capabilities_hash: ");
    Answer registered = http.post("/v1/operators/register", "{\"stake_wei\": \"" + ETHER
        + "\", \"capabilities_hash\": \"" + given.toUpperCase().replace("0X", "0x") + "\"}");
    assertThat(registered.text("state")).as(registered.toString()).isEqualTo("CONFIRMED");
    @SuppressWarnings("rawtypes")
    List<Type> stored = txs.call(new Function("getNode", List.of(new Utf8String(NODE_ID)), List.of(
        new TypeReference<Address>() {}, new TypeReference<DynamicBytes>() {}, new TypeReference<Utf8String>() {},
        new TypeReference<Bytes32>() {}, new TypeReference<DynamicBytes>() {})));
    assertThat("0x" + HexFormat.of().formatHex((byte[]) stored.get(3).getValue())).isEqualTo(given);
    Answer status = http.status(address);
    assertThat(status.text("registeredCapabilitiesHash")).isEqualTo(given);
    assertThat(status.text("capabilitiesHash")).as("the node's own hash is still its own").isNotEqualTo(given)
        .matches("0x[0-9a-f]{64}");
  }

  /** What the node process announces of this host: the same JDK and OS facts, read here. */
  private static Capabilities thisHostsCapabilities() throws Exception {
    long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
    return new Capabilities(Runtime.getRuntime().availableProcessors(), memory,
        Files.getFileStore(root.resolve("data")).getTotalSpace(), GpuDetector.forThisHost().detectForCapabilities(),
        List.of("process"));
  }

  @Test
  @Order(7)
  void theKeystorePasswordAppearsNowhereInTheNodesOutput() {
    assertThat(node.output()).contains("Operator account " + address).doesNotContain("correct horse");
  }
}
