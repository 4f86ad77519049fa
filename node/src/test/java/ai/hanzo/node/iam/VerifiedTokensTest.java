package ai.hanzo.node.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final SteppingClock clock = new SteppingClock(T0);
  private final Principal alice = new Principal(Principal.Kind.JWT, "alice", null, java.util.List.of("viewer"),
      java.util.Set.of(), null, null, null, null);

  @Test
  void rememberedUntilExpiryButNoLongerThanMaxAge() {
    VerifiedTokens cache = new VerifiedTokens(10, Duration.ofSeconds(30), clock);
    cache.put("short", alice, T0.plusSeconds(10));
    cache.put("long", alice, T0.plusSeconds(3600));
    assertThat(cache.get("short")).isEqualTo(alice);
    assertThat(cache.get("other")).isNull();
    clock.advance(Duration.ofSeconds(10));
    assertThat(cache.get("short")).as("expired at exp").isNull();
    assertThat(cache.get("long")).isEqualTo(alice);
    clock.advance(Duration.ofSeconds(20));
    assertThat(cache.get("long")).as("max age reached").isNull();
  }

  @Test
  void staysWithinCapacity() {
    VerifiedTokens cache = new VerifiedTokens(3, Duration.ofSeconds(30), clock);
    for (int i = 0; i < 10; i++) {
      cache.put("t" + i, alice, T0.plusSeconds(60));
    }
    int remembered = 0;
    for (int i = 0; i < 10; i++) {
      remembered += cache.get("t" + i) == null ? 0 : 1;
    }
    assertThat(remembered).isBetween(1, 3);
    assertThat(cache.get("t9")).as("the newest is kept").isEqualTo(alice);
  }

  @Test
  void noneRemembersNothing() {
    VerifiedTokens none = VerifiedTokens.none();
    none.put("t", alice, T0.plusSeconds(60));
    assertThat(none.get("t")).isNull();
  }
}
