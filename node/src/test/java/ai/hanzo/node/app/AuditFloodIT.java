package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.api.v1.AuditRecord;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.QueryAuditRequest;
import ai.hanzo.node.config.IamConfig;
import ai.hanzo.node.config.RuntimeConfig;
import ai.hanzo.node.config.TlsConfig;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.grpc.GrpcClients;
import ai.hanzo.node.storage.AuditEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of requests without credentials from one address: past the failed-authentication limit the refusals are
 * counted into one summary record instead of one synced record each.
 */
class AuditFloodIT {
  private static final int FLOOD = 200;

  @TempDir static Path dataDir;
  static NodeApp node;
  static String adminKey;

  @BeforeAll
  static void start() throws Exception {
    adminKey = IamNodeFixture.createKey(dataDir, "admin", null);
    node = IamNodeFixture.start(dataDir, IamNodeFixture.iamConfig(6000), TlsConfig.NONE,
        new RuntimeConfig("process", ""));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
  }

  @Test
  void refusalsPastTheLimitAreSummarisedWithTheirCount() {
    int limit = IamConfig.disabled().failedAuthPerMinute();
    BlockingWebClient http = WebClient.of("http://127.0.0.1:" + node.boundPorts().get("http")).blocking();
    long started = System.nanoTime();
    for (int i = 0; i < FLOOD; i++) {
      assertThat(http.get("/v1/deployments").status().code()).isEqualTo(401);
    }
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("%d refused requests in %d ms%n", FLOOD, elapsedMillis);
    // A slow machine may spread the flood over two of the one-minute windows.
    long windows = 1 + elapsedMillis / 60_000;

    List<AuditRecord> records = GrpcClients.builder("http://127.0.0.1:" + node.boundPorts().get("grpc"))
        .addHeader("x-api-key", adminKey).build(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class)
        .queryAudit(QueryAuditRequest.newBuilder().setPrincipal("unauthenticated").setLimit(1000).build())
        .getRecordsList();
    List<AuditRecord> summaries = records.stream()
        .filter(r -> "SUMMARY".equals(r.getDetailsMap().get("reason"))).toList();
    int individually = records.size() - summaries.size();
    assertThat(individually).as("recorded one by one: the limit and the one that hit it, per window")
        .isBetween(limit + 1, (int) windows * (limit + 1));
    assertThat(summaries).as("one per address and window").hasSizeBetween(1, (int) windows).allSatisfy(s -> {
      assertThat(s.getRemote()).isEqualTo("127.0.0.1");
      assertThat(s.getOutcome()).isEqualTo("UNAUTHENTICATED");
      assertThat(s.getAction()).contains("/v1/deployments");
    });
    assertThat(summaries.stream().mapToLong(s -> Long.parseLong(s.getDetailsMap().get("refused"))).sum())
        .as("every refusal is counted").isEqualTo(FLOOD - individually);
  }

  @Test
  void countsNotYetWrittenAreWrittenWhenTheNodeStops(@TempDir Path otherDir) throws Exception {
    int limit = IamConfig.disabled().failedAuthPerMinute();
    NodeApp stopping = IamNodeFixture.start(otherDir, IamNodeFixture.iamConfig(6000), TlsConfig.NONE,
        new RuntimeConfig("process", ""));
    try {
      BlockingWebClient http = WebClient.of("http://127.0.0.1:" + stopping.boundPorts().get("http")).blocking();
      for (int i = 0; i < 40; i++) {
        assertThat(http.get("/v1/deployments").status().code()).isEqualTo(401);
      }
    } finally {
      stopping.stop();
    }
    List<AuditEntry> entries = IamNodeFixture.withDatabase(otherDir,
        db -> db.audit().query(Instant.EPOCH, Instant.MAX, 1000));
    assertThat(entries).filteredOn(e -> "SUMMARY".equals(e.details().get("reason")))
        .extracting(e -> e.details().get("refused")).containsExactly(Integer.toString(40 - limit - 1));
  }
}
