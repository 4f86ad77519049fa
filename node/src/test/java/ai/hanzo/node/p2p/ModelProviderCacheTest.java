package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ModelProviderCacheTest {
  private static final ProviderView A = new ProviderView("peer-a", List.of("/ip4/127.0.0.1/tcp/1"), "node-a");
  private static final ProviderView B = new ProviderView("peer-b", List.of("/ip4/127.0.0.1/tcp/2"), "node-b");

  private final MutableClock clock = new MutableClock();
  private final List<String> asked = new ArrayList<>();
  private List<ProviderView> dht = List.of(A, B);
  private RuntimeException dhtFailure;

  private final ModelProviderCache cache = new ModelProviderCache(model -> {
    asked.add(model);
    return dhtFailure != null ? CompletableFuture.failedFuture(dhtFailure) : CompletableFuture.completedFuture(dht);
  }, clock, Duration.ofSeconds(15), 2);

  @Test
  void secondCallWithinTheTtlDoesNoLookup() {
    assertThat(cache.providers("tiny").join()).containsExactly(A, B);
    assertThat(cache.providers("tiny").join()).containsExactly(A, B);
    assertThat(cache.lookups()).isEqualTo(1);
    assertThat(asked).containsExactly("tiny");
  }

  @Test
  void anAnswerOlderThanTheTtlIsLookedUpAgain() {
    cache.providers("tiny").join();
    clock.advance(Duration.ofSeconds(14));
    cache.providers("tiny").join();
    assertThat(cache.lookups()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    dht = List.of(B);
    assertThat(cache.providers("tiny").join()).containsExactly(B);
    assertThat(cache.lookups()).isEqualTo(2);
  }

  @Test
  void aFailedForwardDropsEveryAnswerNamingThatProvider() {
    cache.providers("tiny").join();
    cache.providers("other").join();
    cache.failed("peer-a");
    cache.providers("tiny").join();
    cache.providers("other").join();
    assertThat(cache.lookups()).isEqualTo(4);
    cache.failed("peer-unknown");
    cache.providers("tiny").join();
    assertThat(cache.lookups()).isEqualTo(4);
  }

  @Test
  void aProviderThatStopsAnnouncingIsDroppedAndTheRestIsKept() {
    cache.providers("tiny").join();
    cache.stoppedAnnouncing("tiny", "peer-a");
    assertThat(cache.providers("tiny").join()).containsExactly(B);
    assertThat(cache.lookups()).isEqualTo(1);
    cache.stoppedAnnouncing("tiny", "peer-b");
    assertThat(cache.providers("tiny").join()).containsExactly(A, B);
    assertThat(cache.lookups()).isEqualTo(2);
  }

  @Test
  void failedAndEmptyAnswersAreNotKept() {
    dhtFailure = new IllegalStateException("no DHT peers");
    assertThatThrownBy(() -> cache.providers("tiny").join()).isInstanceOf(CompletionException.class)
        .hasMessageContaining("no DHT peers");
    dhtFailure = null;
    dht = List.of();
    assertThat(cache.providers("tiny").join()).isEmpty();
    dht = List.of(A);
    assertThat(cache.providers("tiny").join()).containsExactly(A);
    assertThat(cache.lookups()).isEqualTo(3);
  }

  @Test
  void theLeastRecentlyUsedModelGoesBeyondTheBound() {
    cache.providers("one").join();
    cache.providers("two").join();
    cache.providers("one").join();
    cache.providers("three").join();
    assertThat(cache.lookups()).isEqualTo(3);
    cache.providers("one").join();
    assertThat(cache.lookups()).isEqualTo(3);
    cache.providers("two").join();
    assertThat(cache.lookups()).isEqualTo(4);
  }

  @Test
  void concurrentAskersShareALookupInFlight() {
    CompletableFuture<List<ProviderView>> slow = new CompletableFuture<>();
    ModelProviderCache waiting = new ModelProviderCache(model -> slow, clock, Duration.ofSeconds(15), 8);
    CompletableFuture<List<ProviderView>> first = waiting.providers("tiny");
    CompletableFuture<List<ProviderView>> second = waiting.providers("tiny");
    slow.complete(List.of(A));
    assertThat(first.join()).containsExactly(A);
    assertThat(second.join()).containsExactly(A);
    assertThat(waiting.lookups()).isEqualTo(1);
  }
}
