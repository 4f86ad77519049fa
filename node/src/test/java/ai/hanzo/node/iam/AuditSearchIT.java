package ai.hanzo.node.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.storage.AuditEntry;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import ai.hanzo.testing.RandomCases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paging the audit log of a real database: every page sequence returns exactly the matching entries once, in log
 * order, also when many entries share a millisecond, arrive out of order within it, or outnumber a batch.
 */
class AuditSearchIT {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<String> PRINCIPALS = List.of("apikey:a", "apikey:b", "cert:spiffe://hanzo/ci",
      "unauthenticated");
  private static final List<String> OUTCOMES = List.of("OK", "DENIED", "UNAUTHENTICATED");
  /** The callers' organisations; {@code null}: a caller of none (an unauthenticated one, say). */
  private static final List<String> ORGS = java.util.Arrays.asList("acme", "globex", null);

  @TempDir static Path dir;
  static NodeDatabase db;
  static AuditSearch search;
  /** In log order: by millisecond, then append order. */
  static final List<AuditEntry> LOG = new ArrayList<>();

  @BeforeAll
  static void fill() {
    db = NodeDatabase.open(StorageOptions.defaults(dir));
    search = new AuditSearch(db.audit());
    Random random = new Random(7);
    List<List<AuditEntry>> byMillisecond = new ArrayList<>();
    for (int ms = 0; ms < 40; ms++) {
      byMillisecond.add(new ArrayList<>());
    }
    for (int i = 0; i < 2_000; i++) {
      // Few milliseconds, so hundreds share one; microseconds in any order within it, as concurrent calls append.
      int ms = random.nextInt(40);
      Instant at = T0.plusMillis(ms).plusNanos(random.nextInt(1_000) * 1_000L);
      String permission = random.nextBoolean() ? "deployment:create" : "deployment:delete";
      Map<String, String> details = new java.util.HashMap<>(Map.of("permission", permission));
      String org = ORGS.get(random.nextInt(ORGS.size()));
      if (org != null) {
        details.put(AuditRecorder.ORG, org);
      }
      AuditEntry entry = new AuditEntry(at, PRINCIPALS.get(random.nextInt(PRINCIPALS.size())),
          "hanzo.node.v1.NodeService/" + (random.nextBoolean() ? "Deploy" : "Remove"), "d-" + i,
          OUTCOMES.get(random.nextInt(OUTCOMES.size())), "127.0.0.1", details);
      db.audit().append(entry);
      byMillisecond.get(ms).add(entry);
    }
    byMillisecond.forEach(LOG::addAll);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void pagingReturnsEveryMatchingEntryOnceInLogOrder() {
    RandomCases.forAll(40, gen -> {
      Random r = gen;
      Instant since = T0.plusMillis(r.nextInt(20)).plusNanos(r.nextInt(1_000) * 1_000L);
      Instant until = since.plusMillis(1 + r.nextInt(40));
      String principal = r.nextInt(3) == 0 ? PRINCIPALS.get(r.nextInt(PRINCIPALS.size())) : null;
      String outcome = r.nextInt(3) == 0 ? OUTCOMES.get(r.nextInt(OUTCOMES.size())).toLowerCase() : null;
      String action = r.nextInt(3) == 0 ? "Deploy" : null;
      String permission = r.nextInt(4) == 0 ? "deployment:delete" : null;
      int limit = 1 + r.nextInt(r.nextBoolean() ? 10 : 700);
      AuditQuery.Orgs orgs = r.nextBoolean() ? AuditQuery.Orgs.ALL
          : AuditQuery.Orgs.only(ORGS.get(r.nextInt(ORGS.size())));
      AuditQuery first = new AuditQuery(since, until, principal, action, permission, outcome, limit, null, orgs);

      List<AuditEntry> expected = LOG.stream().filter(e -> !e.timestamp().isBefore(since)
          && e.timestamp().isBefore(until) && first.matches(e)).toList();
      List<AuditEntry> paged = new ArrayList<>();
      AuditCursor cursor = null;
      int pages = 0;
      do {
        AuditPage page = search.find(new AuditQuery(since, until, principal, action, permission, outcome, limit,
            cursor == null ? null : AuditCursor.parse(cursor.token()), orgs));
        assertThat(page.entries().size()).isLessThanOrEqualTo(limit);
        paged.addAll(page.entries());
        cursor = page.next();
        assertThat(++pages).as("pages").isLessThanOrEqualTo(expected.size() / limit + 2);
      } while (cursor != null);
      assertThat(paged).containsExactlyElementsOf(expected);
      if (!orgs.all()) {
        assertThat(paged).allSatisfy(e -> assertThat(e.details().get(AuditRecorder.ORG)).isEqualTo(orgs.org()));
      }
    });
  }

  /**
   * An attacker of acme holding a page token of globex's query (leaked, or forged: the token is only a position)
   * pages on from there and still reads acme's records only, however small its pages.
   */
  @Test
  void aPageTokenOfAnotherOrgsQueryShowsNothingOfThatOrg() {
    Instant until = T0.plusMillis(40);
    AuditCursor globexCursor = search.find(new AuditQuery(T0, until, null, null, null, null, 3, null,
        AuditQuery.Orgs.only("globex"))).next();
    assertThat(globexCursor).isNotNull();
    List<AuditEntry> read = new ArrayList<>();
    AuditCursor cursor = AuditCursor.parse(globexCursor.token());
    while (cursor != null) {
      AuditPage page = search.find(new AuditQuery(T0, until, null, null, null, null, 1, cursor,
          AuditQuery.Orgs.only("acme")));
      read.addAll(page.entries());
      cursor = page.next();
    }
    assertThat(read).isNotEmpty().allSatisfy(e -> assertThat(e.details()).containsEntry(AuditRecorder.ORG, "acme"));
    assertThat(search.find(new AuditQuery(T0, until, null, null, null, null, 1000, null,
        AuditQuery.Orgs.only(null))).entries()).isNotEmpty()
        .allSatisfy(e -> assertThat(e.details()).doesNotContainKey(AuditRecorder.ORG));
  }

  @Test
  void malformedTokensAndQueriesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> AuditCursor.parse("not-a-token")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a page token");
    assertThatThrownBy(() -> AuditCursor.parse("x".repeat(10_000))).hasMessageContaining("is not a page token");
    String negative = java.util.Base64.getUrlEncoder().encodeToString("a1:0:0:-5".getBytes());
    assertThatThrownBy(() -> AuditCursor.parse(negative)).hasMessageContaining("is not a page token");
    assertThatThrownBy(() -> new AuditQuery(T0, T0, null, null, null, null, 10, null, AuditQuery.Orgs.ALL))
        .hasMessageContaining("time range is empty");
    assertThatThrownBy(() -> new AuditQuery(T0, T0.plus(Duration.ofHours(1)), null, null, null, null, 1001, null,
        AuditQuery.Orgs.ALL))
        .hasMessageContaining("limit must be between 1 and 1000");
  }
}
