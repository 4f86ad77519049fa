package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.app.NodeApp;
import ai.hanzo.node.cli.ClientCommandsIT.Result;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The deployment and container subcommands against a real node with the process runtime: listings work on an
 * empty node (exit 0), unknown deployments and containers are the node's NOT_FOUND (exit 1), and bad arguments
 * and bad Compose files never reach it (exit 2).
 */
class WorkloadCommandsIT {
  private static final String NO_D1 = "deployment 'd1' not found (NOT_FOUND)";

  @TempDir static Path dataDir;
  static NodeApp node;
  static String endpoint;

  @BeforeAll
  static void start() throws Exception {
    node = ClientCommandsIT.startNode(dataDir);
    endpoint = "127.0.0.1:" + node.boundPorts().get("grpc");
  }

  @AfterAll
  static void stop() {
    node.stop();
  }

  private static Result run(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--endpoint";
    all[args.length + 1] = endpoint;
    return ClientCommandsIT.run(all);
  }

  private static String compose(String name) {
    try {
      return Path.of(WorkloadCommandsIT.class.getResource("/compose/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "deployments",
    "ps",
    "containers --all",
  })
  void listingsOfAnEmptyNodeSucceed(String command) {
    Result r = run(command.split(" "));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "logs d1",
    "logs -f --tail 10 --since 10m d1 web",
    "scale d1 web=3",
    "stop --force d1",
    "rm --volumes d1",
  })
  void commandsOnAnUnknownDeploymentPrintTheNodesNotFound(String command) {
    Result r = run(command.split(" "));
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).startsWith("hanzo-node ").contains(NO_D1);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void deployReadsTheFileAndTheNodeRefusesWhatItCannotHonour() {
    Result r = run("deploy", "-f", compose("full.yml"), "--name", "shop", "--id", "shop-1", "--env", "A=1",
        "--env", "B=2");
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    // full.yml uses every key the parser reads, including an external network this node cannot join.
    assertThat(r.err()).contains("INVALID_ARGUMENT").contains("spec.networks.back: external networks");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "My App.2 | ''         | ''        | myapp2",
    "dir      | 'name: Shop_1' | ''    | shop_1",
    "dir      | 'name: shop'   | Web-UI | web-ui",
  })
  void theDeploymentIdDefaultsToTheNameTheFileNameOrItsDirectory(String dir, String nameLine, String nameFlag,
      String expectedId, @TempDir Path tmp) throws Exception {
    Path file = java.nio.file.Files.createDirectories(tmp.resolve(dir)).resolve("compose.yml");
    java.nio.file.Files.writeString(file, nameLine + "\nservices:\n  s:\n    image: process\n"
        + "    command: [\"sleep\", \"60\"]\n");
    Result r = nameFlag.isEmpty() ? run("deploy", "-f", file.toString())
        : run("deploy", "-f", file.toString(), "--name", nameFlag);
    try {
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).containsPattern("DEPLOYMENT +" + java.util.regex.Pattern.quote(expectedId) + "\n");
    } finally {
      run("rm", expectedId);
    }
  }

  @Test
  void aContainerImageOnTheProcessRuntimeIsRefusedNamingTheRuntime(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("compose.yml");
    java.nio.file.Files.writeString(file, "services:\n  web:\n    image: busybox\n"
        + "    deploy:\n      replicas: 2\n");
    Result r = run("deploy", "-f", file.toString(), "--id", "bb");
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("FAILED_PRECONDITION").contains("runtime 'process'")
        .contains("install runc or Podman");
    assertThat(run("ps").out()).doesNotContainPattern("(?m)^bb ");
  }

  @Test
  void aBadComposeFileIsExitCode2AndNamesTheKey() {
    Result r = run("deploy", "-f", compose("bad/build.yml"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("services.web.build: not supported");
    Result missing = run("deploy", "-f", "/nonexistent/docker-compose.yml");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file");
  }

  @Test
  void execPrintsTheNodesAnswer() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        new ByteArrayInputStream("input\n".getBytes(StandardCharsets.UTF_8)), false);
    int exit = Main.execute(new String[] {"exec", "-it", "c1", "--endpoint", endpoint, "--",
        "sh", "-c", "cat"}, Map.of(), terminal);
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
    // The call reached the node's engine, which has no such container (ExecIT runs a real exec).
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("container 'c1' not found (NOT_FOUND)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "deploy                       | Missing required option: '--file=FILE'",
    "deploy -f x.yml --env novalue | should be in KEY=VALUE format but was novalue",
    "scale d1                     | Missing required parameter: 'SERVICE=N'",
    "scale d1 web                 | 'web' is not SERVICE=N",
    "scale d1 web=-1              | '-1' is not a number of replicas",
    "scale d1 web=lots            | 'lots' is not a number of replicas",
    "logs                         | Missing required parameter: 'DEPLOYMENT'",
    "logs --tail -3 d1            | '-3' is not a number of lines",
    "logs --since yesterday d1    | 'yesterday' is not a time",
    "stop                         | Missing required parameter: 'DEPLOYMENT'",
    "rm                           | Missing required parameter: 'DEPLOYMENT'",
    "exec c1                      | Missing required parameter: 'CMD'",
  })
  void badArgumentsAreExitCode2(String command, String message) {
    Result r = run(command.trim().split(" +"));
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message);
  }
}
