package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.app.NodeApp;
import ai.hanzo.node.config.ApiConfig;
import ai.hanzo.node.config.HostPort;
import ai.hanzo.node.config.IamConfig;
import ai.hanzo.node.config.LogFormat;
import ai.hanzo.node.config.LogLevel;
import ai.hanzo.node.config.LoggingConfig;
import ai.hanzo.node.config.NodeConfig;
import ai.hanzo.node.config.NodeVersion;
import ai.hanzo.node.config.P2pConfig;
import ai.hanzo.node.config.RuntimeConfig;
import ai.hanzo.node.config.StorageConfig;
import ai.hanzo.node.events.DomainEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client subcommands against a real node (in this JVM, on loopback port 0). */
class ClientCommandsIT {
  @TempDir static Path dataDir;
  static NodeApp node;
  static String endpoint;

  @BeforeAll
  static void start() throws Exception {
    node = startNode(dataDir);
    endpoint = "127.0.0.1:" + node.boundPorts().get("grpc");
  }

  /** A started node with a data directory of its own and ports picked by the OS. */
  static NodeApp startNode(Path dataDir) throws Exception {
    NodeConfig config = new NodeConfig("cli-test-node", dataDir, "1337", "", false,
        new ApiConfig(new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 0), Duration.ofSeconds(1)),
        P2pConfig.of("/ip4/127.0.0.1/tcp/0", List.of()), new StorageConfig(Duration.ofHours(1)),
        new LoggingConfig(LogLevel.WARN, LogFormat.TEXT, false), IamConfig.disabled(),
        new RuntimeConfig("process", ""));
    NodeApp app = new NodeApp(config, new NodeVersion("1.2.3", "abc"));
    app.start();
    return app;
  }

  @AfterAll
  static void stop() {
    node.stop();
  }

  record Result(int exit, String out, String err) {}

  static Result run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.execute(args, env, new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false));
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Result run(String... args) {
    return run(Map.of(), args);
  }

  @Test
  void statusPrintsATable() {
    Result r = run("status", "--endpoint", endpoint);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("STATE        READY").contains("MEMORY").contains("DEPLOYMENTS  0");
  }

  @Test
  void globalOptionsWorkBeforeTheSubcommandAndFromTheEnvironment() {
    Result before = run("--endpoint", endpoint, "-o", "json", "health");
    assertThat(before.exit()).as(before.err()).isZero();
    assertThat(before.out()).contains("\"status\": \"HEALTH_STATUS_HEALTHY\"").contains("\"version\": \"1.2.3\"");
    Result env = run(Map.of("HANZO_ENDPOINT", endpoint), "health", "-o", "yaml");
    assertThat(env.exit()).as(env.err()).isZero();
    assertThat(env.out()).contains("status: \"HEALTH_STATUS_HEALTHY\"").contains("networkId: \"1337\"");
  }

  @Test
  void metricsPrintsOneSampleOrWatches() {
    Result one = run("metrics", "--endpoint", endpoint);
    assertThat(one.exit()).as(one.err()).isZero();
    assertThat(one.out().lines().toList()).hasSize(2).first().asString().startsWith("TIME");
    Result watch = run("metrics", "--watch", "--interval", "1", "--count", "2", "-o", "json", "--endpoint", endpoint);
    assertThat(watch.exit()).as(watch.err()).isZero();
    assertThat(watch.out().lines().toList()).hasSize(2).allSatisfy(l -> assertThat(l).contains("\"cpuUsage\""));
  }

  @Test
  void eventsFollowsTheNode() throws Exception {
    // The node's own subscribers (e.g. gossip forwarding deployment events) are there before the client's.
    int own = node.events().subscriberCount();
    CompletableFuture<Result> events = CompletableFuture.supplyAsync(() ->
        run("events", "--endpoint", endpoint, "--type", "node.registered", "--count", "1"));
    await().atMost(Duration.ofSeconds(30)).until(() -> node.events().subscriberCount() == own + 1);
    node.events().publish(new DomainEvent(Instant.now(), "node.registered", "node", "n-42", "hello", Map.of()));
    Result r = events.get(30, TimeUnit.SECONDS);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("node.registered").contains("node/n-42").contains("hello");
    await().atMost(Duration.ofSeconds(30)).until(() -> node.events().subscriberCount() == own);
  }

  @Test
  void anErrorFromTheNodeIsPrintedWithExitCode1() {
    Result r = run("status", "--endpoint", endpoint, "--node-id", "nobody");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("node 'nobody' not found").contains("NOT_FOUND");
    Result bad = run("metrics", "--endpoint", endpoint, "--interval", "3601");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("interval_seconds");
  }

  @Test
  void auditOnANodeWithoutIamSaysThereIsNoTrail() {
    Result r = run("audit", "--endpoint", endpoint);
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("keeps no audit trail").contains("FAILED_PRECONDITION");
  }

  @Test
  void anUnreachableNodeIsExitCode1WithOneReadableLineNamingTheAddress() {
    Result r = run("status", "--endpoint", "127.0.0.1:1");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("hanzo-node status: cannot reach a node at 127.0.0.1:1: connection refused; is it"
        + " running? Check --endpoint or HANZO_ENDPOINT (UNAVAILABLE)" + System.lineSeparator());

    Result unknown = run("ps", "--endpoint", "no-such-node.invalid:50051");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err().lines().toList()).singleElement().asString()
        .contains("cannot reach a node at no-such-node.invalid:50051: unknown host;")
        .doesNotContain("Exception").doesNotContain("io.netty").doesNotContain("DnsQuestion");
  }

  @Test
  void badUsageIsExitCode2() {
    assertThat(run("status", "-o", "xml").exit()).isEqualTo(2);
    assertThat(run("status", "--no-such-flag").exit()).isEqualTo(2);
  }
}
