package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.hanzo.node.config.ChainConfig;
import ai.hanzo.node.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainOptionsTest {
  @Test
  void withoutAnRpcTheNodeFollowsNoChain() {
    assertThat(new CliHarness().parseRun(Map.of()).toConfig().chain()).isEqualTo(ChainConfig.NONE);
  }

  @Test
  void flagsWinOverTheEnvironmentAndAddressesAreKeptInLowerCase() {
    ChainConfig c = new CliHarness().parseRun(Map.of("HANZO_CHAIN_RPC", "http://10.0.0.1:8545",
            "HANZO_CHAIN_ID", "1", "HANZO_CHAIN_POLL_INTERVAL", "5s"),
        "--chain-id", "43114", "--registry-contract", "0xABCDEF0123456789abcdef0123456789ABCDEF01",
        "--chain-confirmations", "0", "--chain-max-lag", "2m").toConfig().chain();
    assertThat(c.rpc()).isEqualTo(URI.create("http://10.0.0.1:8545"));
    assertThat(c.chainId()).isEqualTo(43114);
    assertThat(c.registryContract()).contains("0xabcdef0123456789abcdef0123456789abcdef01");
    assertThat(c.confirmations()).isZero();
    assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.maxLag()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.rpcTimeout()).as("the default").isEqualTo(ChainConfig.DEFAULT_RPC_TIMEOUT);
    assertThat(c.enabled()).isTrue();
  }

  @Test
  void theRpcTimeoutIsASettingFrom100msTo30s() {
    assertThat(new CliHarness().parseRun(Map.of("HANZO_CHAIN_RPC_TIMEOUT", "750ms"), "--chain-rpc",
        "http://127.0.0.1:8545", "--chain-id", "1").toConfig().chain().rpcTimeout()).isEqualTo(Duration.ofMillis(750));
    String rpc = "http://127.0.0.1:8545";
    assertBad(Map.of(), "--chain-rpc", rpc, "--chain-id", "1", "--chain-rpc-timeout", "10ms", "--chain-rpc-timeout");
    assertBad(Map.of(), "--chain-rpc", rpc, "--chain-id", "1", "--chain-rpc-timeout", "1m", "--chain-rpc-timeout");
    assertBad(Map.of("HANZO_CHAIN_RPC_TIMEOUT", "soon"), "--chain-rpc", rpc, "--chain-id", "1",
        "HANZO_CHAIN_RPC_TIMEOUT");
  }

  @Test
  void eachBadValueIsOneErrorNamingItsSetting() {
    String rpc = "http://127.0.0.1:8545";
    assertBad(Map.of(), "--chain-rpc", "ftp://x", "--chain-rpc");
    assertBad(Map.of(), "--chain-rpc", rpc, "--chain-id", "1.5", "--chain-id");
    assertBad(Map.of(), "--chain-rpc", rpc, "--chain-id", "-1", "--chain-id");
    assertBad(Map.of(), "--chain-rpc", rpc, "--chain-id", "99999999999999999999", "--chain-id");
    assertBad(Map.of(), "--chain-rpc", rpc, "--chain-id", "1", "--registry-contract", "0x1234", "--registry-contract");
    assertBad(Map.of(), "--chain-rpc", rpc, "--chain-id", "1", "--chain-confirmations", "-3", "--chain-confirmations");
    assertBad(Map.of(), "--chain-rpc", rpc, "--chain-id", "1", "--chain-poll-interval", "10ms",
        "--chain-poll-interval");
    assertBad(Map.of("HANZO_CHAIN_MAX_LAG", "0s"), "--chain-rpc", rpc, "--chain-id", "1", "HANZO_CHAIN_MAX_LAG");
  }

  @Test
  void theOperatorKeystoreNeedsTheRegistryAndAPasswordFromTheEnvironmentOrAFile(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    String rpc = "http://127.0.0.1:8545";
    String registry = "0xabcdef0123456789abcdef0123456789abcdef01";
    String keystore = java.nio.file.Files.writeString(tmp.resolve("k.json"), "{}").toString();
    assertBad(Map.of("HANZO_OPERATOR_PASSWORD", "pw"), "--chain-rpc", rpc, "--chain-id", "1",
        "--operator-keystore", keystore, "--registry-contract");
    assertBad(Map.of(), "--chain-rpc", rpc, "--chain-id", "1", "--registry-contract", registry,
        "--operator-keystore", keystore, "HANZO_OPERATOR_PASSWORD");
    assertBad(Map.of("HANZO_OPERATOR_PASSWORD", "pw"), "--chain-rpc", rpc, "--chain-id", "1",
        "--registry-contract", registry, "--operator-keystore", tmp.resolve("missing.json").toString(),
        "--operator-keystore");
    assertBad(Map.of(), "--chain-rpc", rpc, "--chain-id", "1", "--registry-contract", registry,
        "--operator-password-file", keystore, "--operator-password-file needs --operator-keystore");

    ChainConfig fromEnv = new CliHarness().parseRun(Map.of("HANZO_OPERATOR_PASSWORD", "from-env",
        "HANZO_OPERATOR_KEYSTORE", keystore), "--chain-rpc", rpc, "--chain-id", "1", "--registry-contract",
        registry).toConfig().chain();
    assertThat(fromEnv.operatorKeystore().orElseThrow().password()).isEqualTo("from-env");
    assertThat(fromEnv.toString()).doesNotContain("from-env");
  }

  @Test
  void theSlashQuorumIsOffByDefaultBoundedAndNeedsTheSlashersAccount(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path tmp) throws Exception {
    String rpc = "http://127.0.0.1:8545";
    String registry = "0xabcdef0123456789abcdef0123456789abcdef01";
    assertThat(new CliHarness().parseRun(Map.of(), "--chain-rpc", rpc, "--chain-id", "1").toConfig().chain()
        .qosSlashQuorum()).isZero();
    assertBad(Map.of(), "--qos-slash-quorum", "2", "--qos-slash-quorum needs --chain-rpc, --registry-contract"
        + " and --operator-keystore");
    assertBad(Map.of(), "--chain-rpc", rpc, "--chain-id", "1", "--registry-contract", registry,
        "--qos-slash-quorum", "2", "--qos-slash-quorum needs");
    assertBad(Map.of(), "--chain-rpc", rpc, "--chain-id", "1", "--qos-slash-quorum", "9", "--qos-slash-quorum");
    assertBad(Map.of("HANZO_QOS_SLASH_QUORUM", "two"), "--chain-rpc", rpc, "--chain-id", "1",
        "HANZO_QOS_SLASH_QUORUM");
    String keystore = java.nio.file.Files.writeString(tmp.resolve("k.json"), "{}").toString();
    ChainConfig slasher = new CliHarness().parseRun(Map.of("HANZO_OPERATOR_PASSWORD", "pw",
        "HANZO_QOS_SLASH_QUORUM", "3"), "--chain-rpc", rpc, "--chain-id", "1", "--registry-contract", registry,
        "--operator-keystore", keystore).toConfig().chain();
    assertThat(slasher.qosSlashQuorum()).isEqualTo(3);
  }

  @Test
  void requireStakeNeedsTheChainAndTheRegistryAndTheRefreshIsBounded() {
    String rpc = "http://127.0.0.1:8545";
    String registry = "0xabcdef0123456789abcdef0123456789abcdef01";
    assertBad(Map.of(), "--require-stake", "--require-stake needs --chain-rpc and --registry-contract");
    assertBad(Map.of("HANZO_REQUIRE_STAKE", "true"), "--chain-rpc", rpc, "--chain-id", "1",
        "--require-stake needs --chain-rpc and --registry-contract");
    assertBad(Map.of(), "--chain-rpc", rpc, "--chain-id", "1", "--registry-contract", registry,
        "--stake-refresh-blocks", "0", "--stake-refresh-blocks");
    assertBad(Map.of(), "--chain-rpc", rpc, "--chain-id", "1", "--registry-contract", registry,
        "--require-stake=maybe", "--require-stake");

    ChainConfig defaults = new CliHarness().parseRun(Map.of(), "--chain-rpc", rpc, "--chain-id", "1",
        "--registry-contract", registry).toConfig().chain();
    assertThat(defaults.requireStake()).isFalse();
    assertThat(defaults.stakeRefreshBlocks()).isEqualTo(ChainConfig.DEFAULT_STAKE_REFRESH_BLOCKS);
    ChainConfig required = new CliHarness().parseRun(Map.of("HANZO_STAKE_REFRESH_BLOCKS", "5"), "--chain-rpc", rpc,
        "--chain-id", "1", "--registry-contract", registry, "--require-stake").toConfig().chain();
    assertThat(required.requireStake()).isTrue();
    assertThat(required.stakeRefreshBlocks()).isEqualTo(5);
  }

  private static void assertBad(Map<String, String> env, Object... argsAndName) {
    String[] args = new String[argsAndName.length - 1];
    for (int i = 0; i < args.length; i++) {
      args[i] = (String) argsAndName[i];
    }
    String name = (String) argsAndName[argsAndName.length - 1];
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> new CliHarness().parseRun(env, args).toConfig());
    assertThat(e).as(String.join(" ", args)).isNotNull();
    assertThat(e.getMessage()).contains(name);
    assertThat(Optional.ofNullable(e.getMessage()).orElse("").lines()).hasSize(1);
  }
}
