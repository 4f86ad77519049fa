package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.testing.NodeGroup;
import ai.hanzo.node.testing.NodeProcess;
import ai.hanzo.testing.gguf.TinyLlama;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hanzo_model_provider_lookups_total}, with two real node processes on loopback: A serves {@code tiny}, B
 * serves nothing and forwards requests for it ({@code route: network}). Once the DHT answers, B's counter rises once
 * per miss of its provider cache (15 s), not once per request: a burst of requests within the window leaves it
 * where it was, the first request after the window raises it by one, and the requests after that do not.
 */
class ModelProviderLookupsIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Pattern COUNTER = Pattern.compile("(?m)^hanzo_model_provider_lookups_total(?:\\{[^}]*})? "
      + "([0-9.Ee+]+)$");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUEST = "{\"model\": \"tiny\", \"prompt\": \"hello\", \"max_tokens\": 2,"
      + " \"temperature\": 0, \"route\": \"network\"}";
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void theForwardingNodeCountsOneLookupPerCacheMiss(@TempDir Path tmp) throws Exception {
    System.out.println("ModelProviderLookupsIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    Path dirA = tmp.resolve("a");
    Path dirB = tmp.resolve("b");
    String peerA = NodeIdentity.loadOrCreate(dirA).peerId().toString();
    ModelStore.in(dirA, Clock.systemUTC()).add(TinyLlama.write(tmp, SEED), "tiny");

    try (NodeGroup nodes = new NodeGroup("--runtime", "process", "--heartbeat-interval", "1s",
        "--model-memory-budget", "64MiB")) {
      NodeProcess a = nodes.start(dirA, "--node-id", "node-a");
      a.awaitReady(WAIT);
      String bootstrap = "/ip4/127.0.0.1/tcp/" + a.ports().get("p2p") + "/p2p/" + peerA;
      NodeProcess b = nodes.start(dirB, "--node-id", "node-b", "--bootstrap", bootstrap);
      String baseB = "http://127.0.0.1:" + b.awaitReady(WAIT).get("http");
      assertThat(lookups(baseB)).as("exported from the start").isZero();

      // Until A's record is in the DHT an empty answer is not kept (each request looks again): wait for a request
      // answered by A that the next one answers from the cache.
      long[] settled = new long[1];
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
        if (!servedByA(baseB)) {
          return false;
        }
        long before = lookups(baseB);
        boolean cached = servedByA(baseB) && lookups(baseB) == before;
        settled[0] = before;
        return cached;
      });
      assertThat(settled[0]).isPositive();
      for (int i = 0; i < 4; i++) {
        assertThat(servedByA(baseB)).isTrue();
      }
      assertThat(lookups(baseB)).as("six requests within the cache's 15 s, no new lookup").isEqualTo(settled[0]);

      // Past the cache's 15 s the next request looks again, once; the ones right after it do not.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        assertThat(servedByA(baseB)).isTrue();
        return lookups(baseB) > settled[0];
      });
      assertThat(lookups(baseB)).isEqualTo(settled[0] + 1);
      for (int i = 0; i < 3; i++) {
        assertThat(servedByA(baseB)).isTrue();
      }
      assertThat(lookups(baseB)).isEqualTo(settled[0] + 1);
      nodes.terminateAll(WAIT);
    }
  }

  /** Asks B for a completion of {@code tiny} over the network route; whether A served it. */
  private boolean servedByA(String baseB) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseB + "/v1/completions"))
        .timeout(WAIT).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(REQUEST)).build(), HttpResponse.BodyHandlers.ofString());
    return answer.statusCode() == 200 && JSON.readTree(answer.body()).path("served_by").asText().equals("node-a");
  }

  /** B's hanzo_model_provider_lookups_total, from its Prometheus scrape. */
  private long lookups(String baseB) throws Exception {
    String scrape = http.send(HttpRequest.newBuilder(URI.create(baseB + "/metrics")).timeout(WAIT).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = COUNTER.matcher(scrape);
    assertThat(m.find()).as("hanzo_model_provider_lookups_total in\n" + scrape).isTrue();
    return (long) Double.parseDouble(m.group(1));
  }
}
