package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.config.ChainConfig;
import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.metrics.HealthLevel;
import ai.hanzo.testing.MutableClock;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The follower against an RPC that misbehaves (a loopback HTTP server answering what each test says): garbage and
 * silence are an unreachable chain, never a stuck or dead follower; another chain id stops the start.
 */
class ChainFollowerIT {
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private final MutableClock clock = new MutableClock();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicReference<UnaryOperator<String>> answer = new AtomicReference<>();
  private HttpServer server;

  @BeforeEach
  void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String body = answer.get().apply(request);
      if (body == null) {
        try {
          release.await(30, TimeUnit.SECONDS); // hangs, as a stuck RPC does
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        body = "{}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  @Test
  void aChainAnsweringTheRightIdAndAFreshHeadIsSyncedAndHealthy() {
    answer.set(ChainFollowerIT::chain7AtClock);
    try (ChainFollower follower = follower(7)) {
      follower.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> follower.status().reachable());
      assertThat(follower.status().height()).isEqualTo(0x2a);
      assertThat(follower.status().synced(clock.instant(), follower.maxLag())).isTrue();
      assertThat(new ChainHealthCheck(follower, clock).check().level()).isEqualTo(HealthLevel.HEALTHY);
      clock.advance(Duration.ofMinutes(2));
      assertThat(new ChainHealthCheck(follower, clock).check().level()).as("head 2 min old")
          .isEqualTo(HealthLevel.DEGRADED);
      assertThat(follower.status().synced(clock.instant(), follower.maxLag())).isFalse();
    }
  }

  @Test
  void anotherChainIdStopsTheStartNamingBothIds() {
    answer.set(ChainFollowerIT::chain7AtClock);
    try (ChainFollower follower = follower(8)) {
      ConfigException e = catchThrowableOfType(ConfigException.class, follower::start);
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).contains("--chain-id 8").contains("chain id 7").doesNotContain("secret-key");
    }
  }

  @Test
  void garbageIsAnUnreachableChainAndTheFollowerRecoversWhenTheRpcDoes() {
    answer.set(request -> "<html>502 bad gateway</html>");
    try (ChainFollower follower = follower(7)) {
      follower.start();
      ChainHealthCheck check = new ChainHealthCheck(follower, clock);
      assertThat(check.check().level()).isEqualTo(HealthLevel.DEGRADED);
      assertThat(check.check().detail()).contains("does not answer");
      answer.set(ChainFollowerIT::chain7AtClock);
      await().atMost(Duration.ofSeconds(10)).until(() -> check.check().level() == HealthLevel.HEALTHY);
    }
  }

  @Test
  void aHangingRpcCostsOneTimeoutAndIsUnreachable() {
    answer.set(request -> null);
    try (ChainFollower follower = follower(7)) {
      long started = System.nanoTime();
      follower.start();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(6));
      assertThat(follower.status().reachable()).isFalse();
      assertThat(follower.status().problem().orElseThrow()).contains("no answer").contains("within 500 ms")
          .doesNotContain("secret-key");
    }
  }

  private ChainFollower follower(long chainId) {
    URI rpc = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v3/secret-key");
    ChainConfig config = new ChainConfig(rpc, chainId, Optional.empty(), 1, Duration.ofMillis(100),
        Duration.ofSeconds(60));
    return new ChainFollower(config, new JdkHttpService(rpc, TIMEOUT), clock);
  }

  /** Chain 7, head 42 stamped with the test clock's time at start. */
  private static String chain7AtClock(String request) {
    String id = request.replaceAll(".*\"id\":(\\d+).*", "$1");
    if (request.contains("eth_chainId")) {
      return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":\"0x7\"}";
    }
    long now = MutableClock.DEFAULT_START.getEpochSecond();
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"number\":\"0x2a\",\"timestamp\":\"0x"
        + Long.toHexString(now) + "\",\"hash\":\"0x" + "00".repeat(32) + "\",\"transactions\":[]}}";
  }
}
