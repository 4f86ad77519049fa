package ai.hanzo.node.usage;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import ai.hanzo.node.storage.UsageRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage log in a real RocksDB through the recorder and the search: pages of a scoped, filtered query over
 * more records than one batch reads, many of them in one millisecond, return each matching record exactly once
 * and in order; totals cover the whole range; the counters count; a reopened database still has every record.
 */
class UsageSearchIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", System.nanoTime());
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final List<String> ORGS = Arrays.asList("acme", "globex", null);

  @TempDir Path dir;
  private NodeDatabase db;
  private SimpleMeterRegistry meters;
  private UsageRecorder recorder;

  @BeforeEach
  void open() {
    db = NodeDatabase.open(StorageOptions.defaults(dir));
    meters = new SimpleMeterRegistry();
    recorder = new UsageRecorder(db.usage(), meters);
    recorder.start();
  }

  @AfterEach
  void close() {
    recorder.close();
    db.close();
  }

  @Test
  void pagesReturnEveryMatchingRecordOnceInOrderWithinTheScope() {
    System.out.println("UsageSearchIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    Random random = new Random(SEED);
    List<UsageRecord> written = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      // the first 700 share one millisecond, the rest spread over a minute
      Instant time = i < 700 ? T0 : T0.plusMillis(1 + random.nextInt(60_000));
      written.add(new UsageRecord(time, "req-" + i, random.nextBoolean() ? "m1" : "m2", "apikey:k" + (i % 7),
          ORGS.get(random.nextInt(3)), "chat", 1 + random.nextInt(50), random.nextInt(20), "stop",
          Duration.ofMillis(random.nextInt(1000))));
    }
    // records end in any order; the log keeps them by time, then by arrival
    List<UsageRecord> ordered = new ArrayList<>(written.subList(0, 700));
    List<UsageRecord> rest = new ArrayList<>(written.subList(700, written.size()));
    rest.sort((a, b) -> a.time().compareTo(b.time()));
    written.forEach(recorder::record);
    ordered.addAll(rest);
    UsageSearch search = new UsageSearch(db.usage(), db.computeUsage(), recorder);

    List<String> acmeM1 = ordered.stream().filter(r -> "acme".equals(r.org()) && r.model().equals("m1"))
        .map(UsageRecord::requestId).toList();
    List<String> paged = new ArrayList<>();
    UsageCursor cursor = null;
    int pages = 0;
    do {
      UsagePage page = search.find(new UsageQuery(T0, T0.plusSeconds(61), null, "m1", 97, cursor,
          UsageScope.only("acme")));
      page.records().forEach(r -> paged.add(r.requestId()));
      assertThat(page.totals()).singleElement().satisfies(t -> {
        assertThat(t.org()).isEqualTo("acme");
        assertThat(t.requests()).isEqualTo(acmeM1.size());
      });
      cursor = page.next();
      pages++;
    } while (cursor != null && pages < 100);

    assertThat(paged).containsExactlyElementsOf(acmeM1);
    // by the time order of the log: within the shared millisecond, in the order they were recorded
    assertThat(paged.stream().filter(id -> Integer.parseInt(id.substring(4)) < 700).toList())
        .isSortedAccordingTo((a, b) -> Integer.compare(Integer.parseInt(a.substring(4)),
            Integer.parseInt(b.substring(4))));

    // an org filter never widens the scope; a records-of-no-org caller sees only those
    assertThat(search.find(new UsageQuery(T0, T0.plusSeconds(61), "globex", null, 1000, null,
        UsageScope.only("acme"))).records()).isEmpty();
    assertThat(search.find(new UsageQuery(T0, T0.plusSeconds(61), null, null, 1000, null,
        UsageScope.only(null))).records()).allSatisfy(r -> assertThat(r.org()).isNull()).isNotEmpty();

    // the totals of everything, per (org, model), over the whole range
    UsagePage all = search.find(new UsageQuery(T0, T0.plusSeconds(61), null, null, 1, null, UsageScope.ALL));
    Map<List<String>, long[]> expected = new HashMap<>();
    for (UsageRecord r : written) {
      long[] sums = expected.computeIfAbsent(Arrays.asList(r.org(), r.model()), k -> new long[3]);
      sums[0]++;
      sums[1] += r.promptTokens();
      sums[2] += r.completionTokens();
    }
    assertThat(all.totalsComplete()).isTrue();
    assertThat(all.totals()).hasSize(expected.size()).allSatisfy(t -> {
      long[] sums = expected.get(Arrays.asList(t.org(), t.model()));
      assertThat(new long[] {t.requests(), t.promptTokens(), t.completionTokens()}).containsExactly(sums);
    });
    assertThat(meters.counter("hanzo.inference.requests", "model", "m1", "outcome", "stop").count()
        + meters.counter("hanzo.inference.requests", "model", "m2", "outcome", "stop").count()).isEqualTo(1500);
    long prompt = written.stream().mapToLong(UsageRecord::promptTokens).sum();
    assertThat(meters.counter("hanzo.inference.prompt.tokens", "model", "m1").count()
        + meters.counter("hanzo.inference.prompt.tokens", "model", "m2").count()).isEqualTo(prompt);
  }

  @Test
  void recordsSurviveReopeningAndRetentionPrunesOldOnes() {
    Instant now = Instant.now();
    recorder.record(new UsageRecord(now.minus(Duration.ofDays(40)), "old", "m1", "s", null, "grpc", 1, 1,
        "length", Duration.ZERO));
    recorder.record(new UsageRecord(now.minusSeconds(5), "new", "m1", "s", "acme", "grpc", 2, 3, "cancelled",
        Duration.ofMillis(12)));
    recorder.close();
    db.close();

    db = NodeDatabase.open(StorageOptions.defaults(dir));
    recorder = new UsageRecorder(db.usage(), meters);
    recorder.start();
    UsageSearch search = new UsageSearch(db.usage(), db.computeUsage(), recorder);
    UsageQuery everything = new UsageQuery(now.minus(Duration.ofDays(60)), now.plusSeconds(1), null, null, 10, null,
        UsageScope.ALL);
    assertThat(search.find(everything).records()).extracting(UsageRecord::requestId).containsExactly("old", "new");
    UsageRecord kept = search.find(everything).records().get(1);
    assertThat(kept).isEqualTo(new UsageRecord(now.minusSeconds(5), "new", "m1", "s", "acme", "grpc", 2, 3,
        "cancelled", Duration.ofMillis(12)));

    db.retention().runOnce();

    assertThat(search.find(everything).records()).extracting(UsageRecord::requestId).containsExactly("new");
    assertThat(Objects.requireNonNull(search.find(everything).totals().get(0)).completionTokens()).isEqualTo(3);
  }
}
