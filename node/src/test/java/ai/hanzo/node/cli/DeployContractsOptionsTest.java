package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.chain.OperatorKeystores;
import ai.hanzo.node.chain.RpcAdversary;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * {@code operator deploy-contracts} takes {@code --chain-rpc-timeout} (env HANZO_CHAIN_RPC_TIMEOUT) like
 * {@code run}: the same bounds, one line and exit 2 for a bad value, and a hanging RPC given up after it.
 */
class DeployContractsOptionsTest {
  @Test
  void aBadRpcTimeoutIsExit2InOneLineNamingTheSetting(@TempDir Path tmp) throws Exception {
    Path keystore = OperatorKeystores.write(Credentials.create("0x" + "5a".repeat(32)), "pw", tmp);
    String[][] cases = {{"--chain-rpc-timeout", "10ms"}, {"--chain-rpc-timeout", "31s"}, {"--chain-rpc-timeout", "x"}};
    for (String[] flag : cases) {
      CliHarness cli = new CliHarness();
      int exit = cli.run(Map.of("HANZO_OPERATOR_PASSWORD", "pw"), "operator", "deploy-contracts", "--chain-rpc",
          "http://127.0.0.1:9", "--chain-id", "1", "--operator-keystore", keystore.toString(), flag[0], flag[1]);
      assertThat(exit).as(cli.err()).isEqualTo(Main.USAGE);
      assertThat(cli.err().strip().lines()).as(cli.err()).hasSize(1).first().asString()
          .contains("--chain-rpc-timeout");
    }
    CliHarness env = new CliHarness();
    assertThat(env.run(Map.of("HANZO_OPERATOR_PASSWORD", "pw", "HANZO_CHAIN_RPC_TIMEOUT", "soon"), "operator",
        "deploy-contracts", "--chain-rpc", "http://127.0.0.1:9", "--chain-id", "1", "--operator-keystore",
        keystore.toString())).as(env.err()).isEqualTo(Main.USAGE);
    assertThat(env.err().strip().lines()).hasSize(1).first().asString().contains("HANZO_CHAIN_RPC_TIMEOUT");
  }

  /** The bad input for the one CLI verb that talks to the chain itself: exit 2, one line, nothing sent. */
  @Test
  void aChainIdMismatchOrAWrongPasswordIsExit2InOneLineAndSendsNothing(@TempDir Path tmp) throws Exception {
    Path keystore = OperatorKeystores.write(Credentials.create("0x" + "5a".repeat(32)), "right-pw", tmp);
    // HUGE_NUMBERS answers eth_chainId truthfully (1337) and everything else with garbage.
    try (RpcAdversary rpc = RpcAdversary.start(null, 1337, RpcAdversary.Mode.HUGE_NUMBERS)) {
      CliHarness mismatch = new CliHarness();
      assertThat(mismatch.run(Map.of("HANZO_OPERATOR_PASSWORD", "right-pw"), "operator", "deploy-contracts",
          "--chain-rpc", rpc.rpc().toString(), "--chain-id", "31337", "--operator-keystore", keystore.toString()))
          .as(mismatch.err()).isEqualTo(Main.USAGE);
      assertThat(mismatch.err().strip().lines()).hasSize(1).first().asString().contains("--chain-id 31337")
          .contains("1337");

      CliHarness wrongPassword = new CliHarness();
      assertThat(wrongPassword.run(Map.of("HANZO_OPERATOR_PASSWORD", "wrong-pw"), "operator", "deploy-contracts",
          "--chain-rpc", rpc.rpc().toString(), "--chain-id", "1337", "--operator-keystore", keystore.toString()))
          .as(wrongPassword.err()).isEqualTo(Main.USAGE);
      assertThat(wrongPassword.err().strip().lines()).hasSize(1);
      assertThat(wrongPassword.err()).doesNotContain("wrong-pw").doesNotContain("right-pw");
      assertThat(rpc.methods()).as("nothing sent").doesNotContain("eth_sendRawTransaction");
    }
  }

  @Test
  void aHangingRpcIsGivenUpAfterTheTimeoutNotTheDefault(@TempDir Path tmp) throws Exception {
    Path keystore = OperatorKeystores.write(Credentials.create("0x" + "5a".repeat(32)), "pw", tmp);
    try (RpcAdversary rpc = RpcAdversary.start(null, 1337, RpcAdversary.Mode.HANG)) {
      String[] deploy = {"operator", "deploy-contracts", "--chain-rpc", rpc.rpc().toString(), "--chain-id", "1337",
          "--operator-keystore", keystore.toString()};
      CliHarness fromEnv = new CliHarness();
      assertThat(fromEnv.run(Map.of("HANZO_OPERATOR_PASSWORD", "pw", "HANZO_CHAIN_RPC_TIMEOUT", "300ms"), deploy))
          .as(fromEnv.err()).isEqualTo(1);
      CliHarness fromFlag = new CliHarness();
      String[] withFlag = java.util.Arrays.copyOf(deploy, deploy.length + 2);
      withFlag[deploy.length] = "--chain-rpc-timeout";
      withFlag[deploy.length + 1] = "300ms";
      assertThat(fromFlag.run(Map.of("HANZO_OPERATOR_PASSWORD", "pw", "HANZO_CHAIN_RPC_TIMEOUT", "20s"), withFlag))
          .as(fromFlag.err()).isEqualTo(1);
      for (CliHarness cli : java.util.List.of(fromEnv, fromFlag)) {
        // The message names the timeout that applied (the default is 5000 ms; the flag wins over the variable).
        assertThat(cli.err().strip()).as("one line naming the RPC and the timeout").doesNotContain("\n")
            .contains("127.0.0.1:" + rpc.rpc().getPort()).contains("within 300 ms");
      }
      assertThat(rpc.methods()).doesNotContain("eth_sendRawTransaction");
    }
  }
}
