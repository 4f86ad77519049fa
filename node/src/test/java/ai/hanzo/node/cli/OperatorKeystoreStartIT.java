package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.chain.Anvil;
import ai.hanzo.node.chain.Contracts;
import ai.hanzo.node.chain.OperatorKeystores;
import ai.hanzo.node.chain.RegistryTxs;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator keystore at start: a wrong password, a missing password and a file that is no keystore stop
 * {@code run} with exit 2 and one line that never shows the password.
 */
class OperatorKeystoreStartIT {
  private static final String SECRET = "s3cret-Password-that-must-not-leak";
  private static Anvil anvil;
  private static String registry;

  @BeforeAll
  static void chain() throws Exception {
    Contracts.assumeAvailable();
    anvil = Anvil.start();
    registry = new RegistryTxs(anvil).deploy(anvil.account(0), BigInteger.TEN.pow(18), 3600,
        anvil.account(9).getAddress());
  }

  @AfterAll
  static void stop() throws Exception {
    if (anvil != null) {
      anvil.close();
    }
  }

  /** The arguments of {@code run} (without the word). */
  private static String[] settings(Path tmp, String... more) {
    List<String> args = new ArrayList<>(List.of("--data-dir", tmp.resolve("data").toString(),
        "--grpc-addr", "127.0.0.1:0", "--http-addr", "127.0.0.1:0", "--p2p-addr", "/ip4/127.0.0.1/tcp/0",
        "--mdns", "false", "--runtime", "process", "--chain-rpc", anvil.rpc().toString(), "--chain-id",
        Long.toString(anvil.chainId()), "--registry-contract", registry));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static String[] run(Path tmp, String... more) {
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(List.of(settings(tmp, more)));
    return args.toArray(String[]::new);
  }

  @Test
  void aWrongPasswordStopsTheNodeWithOneLineThatDoesNotShowIt(@TempDir Path tmp) throws Exception {
    Path keystore = OperatorKeystores.write(anvil.account(1), SECRET, tmp.resolve("keys"));
    CliHarness cli = new CliHarness();
    int exit = cli.run(Map.of("HANZO_OPERATOR_PASSWORD", SECRET + "-typo"), run(tmp, "--operator-keystore",
        keystore.toString()));
    assertThat(exit).as(cli.err()).isEqualTo(2);
    assertThat(cli.err().strip().lines()).as(cli.err()).hasSize(1);
    assertThat(cli.err()).contains("--operator-keystore " + keystore).contains("the password is wrong")
        .doesNotContain(SECRET);
    assertThat(cli.out()).doesNotContain(SECRET);
  }

  @Test
  void aPasswordFileWinsOverTheEnvironmentAndIsNeverPrinted(@TempDir Path tmp) throws Exception {
    Path keystore = OperatorKeystores.write(anvil.account(1), SECRET, tmp.resolve("keys"));
    CliHarness cli = new CliHarness();
    // A password file wins over the environment: the wrong password there is never tried.
    RunCommand parsed = cli.parseRun(Map.of("HANZO_OPERATOR_PASSWORD", "wrong"), settings(tmp,
        "--operator-keystore", keystore.toString(), "--operator-password-file",
        OperatorKeystores.passwordFile(SECRET, tmp).toString()));
    var config = parsed.toConfig().chain().operatorKeystore().orElseThrow();
    assertThat(config.password()).isEqualTo(SECRET);
    assertThat(config.toString()).doesNotContain(SECRET);
  }

  @Test
  void aKeystoreWithoutAPasswordOrThatIsNoKeystoreIsAUsageError(@TempDir Path tmp) throws Exception {
    Path keystore = OperatorKeystores.write(anvil.account(1), SECRET, tmp.resolve("keys"));
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), run(tmp, "--operator-keystore", keystore.toString()))).isEqualTo(2);
    assertThat(cli.err()).contains("needs its password in HANZO_OPERATOR_PASSWORD or --operator-password-file");

    Path notAKeystore = Files.writeString(tmp.resolve("notes.json"), "{\"hello\": 1}");
    cli = new CliHarness();
    assertThat(cli.run(Map.of("HANZO_OPERATOR_PASSWORD", SECRET), run(tmp, "--operator-keystore",
        notAKeystore.toString()))).as(cli.err()).isEqualTo(2);
    assertThat(cli.err().strip().lines()).as(cli.err()).hasSize(1);
    assertThat(cli.err()).contains("is not a Web3 Secret Storage keystore").doesNotContain(SECRET);
  }
}
