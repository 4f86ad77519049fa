package ai.hanzo.libp2p.kad.provider;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.kad.TestPeers;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProviderStoreTest {
  private final MutableClock clock = new MutableClock();
  private final ProviderStore store = new ProviderStore(clock, Duration.ofHours(48), 2, 3);
  private final List<PeerId> peers = TestPeers.random(new Random(5), 5);
  private final byte[] key = ProviderKeys.of("gpu/a100");

  @Test
  void anAnnouncementExpiresAfter48HoursUnlessRenewed() {
    store.add(key, peers.get(0));
    clock.advance(Duration.ofHours(24));
    store.add(key, peers.get(1));
    clock.advance(Duration.ofHours(24));
    assertThat(store.get(key)).containsExactly(peers.get(1));
    store.add(key, peers.get(1));
    clock.advance(Duration.ofHours(47));
    assertThat(store.get(key)).containsExactly(peers.get(1));
    clock.advance(Duration.ofHours(1));
    assertThat(store.get(key)).isEmpty();
    store.purgeExpired();
    assertThat(store.keyCount()).isZero();
  }

  @Test
  void boundedInProvidersPerKeyAndInKeys() {
    peers.forEach(p -> store.add(key, p));
    assertThat(store.get(key)).containsExactly(peers.get(4), peers.get(3), peers.get(2));
    assertThat(store.add(ProviderKeys.of("b"), peers.get(0))).isTrue();
    assertThat(store.add(ProviderKeys.of("c"), peers.get(0))).isFalse();
    clock.advance(Duration.ofHours(49));
    assertThat(store.add(ProviderKeys.of("c"), peers.get(0))).isTrue();
  }

  @Test
  void aRemovedProviderIsGoneAndAnEmptyKeyFreesItsPlace() {
    store.add(ProviderKeys.of("a"), peers.get(0));
    store.add(ProviderKeys.of("a"), peers.get(1));
    store.remove(ProviderKeys.of("a"), peers.get(0));
    assertThat(store.get(ProviderKeys.of("a"))).containsExactly(peers.get(1));
    store.remove(ProviderKeys.of("a"), peers.get(1));
    assertThat(store.get(ProviderKeys.of("a"))).isEmpty();
    assertThat(store.keyCount()).isZero();
    store.remove(ProviderKeys.of("never"), peers.get(2));
  }
}
