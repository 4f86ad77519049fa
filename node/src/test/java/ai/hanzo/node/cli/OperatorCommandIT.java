package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.chain.Anvil;
import ai.hanzo.node.chain.AnvilControl;
import ai.hanzo.node.chain.Contracts;
import ai.hanzo.node.chain.OperatorKeystores;
import ai.hanzo.node.testing.NodeProcess;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hanzo-node operator ...} end to end: deploy-contracts deploys the registry from a keystore and prints its
 * address; a node started on it registers and changes stake through the CLI; bad input is exit 2 with one line
 * before any node or chain is asked.
 */
class OperatorCommandIT {
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);

  @BeforeAll
  static void contracts() {
    Contracts.assumeAvailable();
  }

  @Test
  void deployRegisterStakeAndUnstakeThroughTheCli(@TempDir Path tmp) throws Exception {
    try (Anvil anvil = Anvil.start()) {
      AnvilControl control = new AnvilControl(anvil);
      Path deployerKeys = OperatorKeystores.write(anvil.account(0), "deploy-pw", tmp.resolve("deployer"));
      CliHarness deploy = new CliHarness();
      int exit = deploy.run(Map.of("HANZO_OPERATOR_PASSWORD", "deploy-pw"), "operator", "deploy-contracts",
          "--chain-rpc", anvil.rpc().toString(), "--chain-id", Long.toString(anvil.chainId()),
          "--operator-keystore", deployerKeys.toString(), "--min-stake", ETHER.toString(),
          "--unbonding-period", "1h");
      assertThat(exit).as(deploy.err()).isZero();
      String registry = deploy.out().strip();
      assertThat(registry).matches("0x[0-9a-f]{40}");
      assertThat(control.call("eth_getCode", registry, "latest").asText()).as("code at the printed address")
          .hasSizeGreaterThan(100);

      Path keystore = OperatorKeystores.write(anvil.account(2), "op-pw", tmp.resolve("operator"));
      String address = anvil.account(2).getAddress().toLowerCase();
      try (NodeProcess node = NodeProcess.start(tmp.resolve("data"), "--runtime", "process", "--node-id",
          "cli-node", "--chain-rpc", anvil.rpc().toString(), "--chain-id", Long.toString(anvil.chainId()),
          "--registry-contract", registry, "--chain-confirmations", "0", "--chain-poll-interval", "100ms",
          "--operator-keystore", keystore.toString(), "--operator-password-file",
          OperatorKeystores.passwordFile("op-pw", tmp).toString())) {
        String endpoint = "127.0.0.1:" + node.awaitReady(Duration.ofSeconds(60)).get("grpc");

        CliHarness register = new CliHarness();
        assertThat(register.run(Map.of(), "operator", "register", "--endpoint", endpoint, "--stake",
            ETHER.multiply(BigInteger.TWO).toString())).as(register.err()).isZero();
        assertThat(register.out()).contains("register").contains("CONFIRMED");

        CliHarness stake = new CliHarness();
        assertThat(stake.run(Map.of(), "operator", "stake", "--endpoint", endpoint, "500")).as(stake.err())
            .isZero();
        CliHarness unstake = new CliHarness();
        assertThat(unstake.run(Map.of(), "operator", "unstake", "--endpoint", endpoint, ETHER.toString()))
            .as(unstake.err()).isZero();

        CliHarness status = new CliHarness();
        assertThat(status.run(Map.of(), "operator", "status", "--endpoint", endpoint, "-o", "json"))
            .as(status.err()).isZero();
        assertThat(status.out()).contains("\"operator\": \"" + address + "\"")
            .contains("\"stakeWei\": \"" + ETHER.add(BigInteger.valueOf(500)) + "\"")
            .contains("\"unbondingWei\": \"" + ETHER + "\"").contains("\"nodeOperator\": \"" + address + "\"");
        CliHarness table = new CliHarness();
        assertThat(table.run(Map.of(), "operator", "status", "--endpoint", endpoint)).as(table.err()).isZero();
        assertThat(table.out()).as("registered without --capabilities-hash: the node's own hash")
            .containsPattern("capabilities\\s+0x[0-9a-f]{64} \\(registered\\)");

        CliHarness exitWhileRegistered = new CliHarness();
        assertThat(exitWhileRegistered.run(Map.of(), "operator", "unstake", "--exit", "--endpoint", endpoint))
            .isEqualTo(1);
        assertThat(exitWhileRegistered.err()).contains("still has 1 node(s) registered")
            .contains("FAILED_PRECONDITION");
        assertThat(control.nonce(address, "latest")).isEqualTo(3);

        CliHarness deregister = new CliHarness();
        assertThat(deregister.run(Map.of(), "operator", "deregister", "--endpoint", endpoint)).as(deregister.err())
            .isZero();
        assertThat(deregister.out()).contains("deregister").contains("CONFIRMED");
        CliHarness exitOnceDeregistered = new CliHarness();
        assertThat(exitOnceDeregistered.run(Map.of(), "operator", "unstake", "--exit", "--endpoint", endpoint))
            .as("with no node left the exit goes through: " + exitOnceDeregistered.err()).isZero();
        assertThat(control.nonce(address, "latest")).isEqualTo(5);
      }
    }
  }

  @Test
  void badAmountsAndMissingSettingsAreUsageErrorsOfOneLine() {
    for (String[] args : new String[][] {
        {"operator", "stake", "-5"}, {"operator", "stake", "1.5"}, {"operator", "unstake", "1e18"},
        {"operator", "register", "--stake", BigInteger.TWO.pow(256).toString()},
        {"operator", "deploy-contracts", "--chain-id", "1"}}) {
      CliHarness cli = new CliHarness();
      assertThat(cli.run(Map.of(), args)).as(String.join(" ", args) + ": " + cli.err()).isEqualTo(2);
      assertThat(cli.err().strip().lines()).as(cli.err()).hasSize(1);
    }
  }
}
