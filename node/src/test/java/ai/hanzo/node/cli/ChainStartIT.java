package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.chain.Anvil;
import ai.hanzo.node.chain.Contracts;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings only the chain can check stop {@code run} at start: exit 2 and one line, nothing left running. */
class ChainStartIT {
  private static Anvil anvil;

  @BeforeAll
  static void chain() throws Exception {
    Contracts.assumeAvailable();
    anvil = Anvil.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (anvil != null) {
      anvil.close();
    }
  }

  @Test
  void aChainIdOtherThanTheRpcsRefusesToStart(@TempDir Path tmp) {
    CliHarness cli = new CliHarness();
    int exit = cli.run(Map.of(), "run", "--data-dir", tmp.resolve("data").toString(), "--grpc-addr", "127.0.0.1:0",
        "--http-addr", "127.0.0.1:0", "--p2p-addr", "/ip4/127.0.0.1/tcp/0", "--mdns", "false", "--runtime", "process",
        "--chain-rpc", anvil.rpc().toString(), "--chain-id", "43114");
    assertThat(exit).as(cli.err()).isEqualTo(2);
    assertThat(cli.err().strip().lines()).as(cli.err()).hasSize(1);
    assertThat(cli.err()).contains("--chain-id 43114 does not match").contains("chain id " + anvil.chainId());
  }

  @Test
  void aRegistryAddressWithoutCodeRefusesToStart(@TempDir Path tmp) {
    CliHarness cli = new CliHarness();
    String empty = anvil.account(3).getAddress();
    int exit = cli.run(Map.of(), "run", "--data-dir", tmp.resolve("data").toString(), "--grpc-addr", "127.0.0.1:0",
        "--http-addr", "127.0.0.1:0", "--p2p-addr", "/ip4/127.0.0.1/tcp/0", "--mdns", "false", "--runtime", "process",
        "--chain-rpc", anvil.rpc().toString(), "--chain-id", Long.toString(anvil.chainId()),
        "--registry-contract", empty);
    assertThat(exit).as(cli.err()).isEqualTo(2);
    assertThat(cli.err()).contains("--registry-contract " + empty + " has no code");
  }

  @Test
  void chainSettingsWithoutAnRpcAreAUsageError(@TempDir Path tmp) {
    CliHarness cli = new CliHarness();
    int exit = cli.run(Map.of(), "run", "--data-dir", tmp.resolve("data").toString(), "--chain-id", "1");
    assertThat(exit).isEqualTo(2);
    assertThat(cli.err()).contains("need --chain-rpc");
    cli = new CliHarness();
    assertThat(cli.run(Map.of("HANZO_CHAIN_RPC", "http://127.0.0.1:1"), "run", "--data-dir",
        tmp.resolve("data").toString())).isEqualTo(2);
    assertThat(cli.err()).contains("--chain-rpc needs --chain-id");
  }
}
