package ai.hanzo.libp2p.kad.record;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.kad.wire.DhtRecord;
import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecordStoreTest {
  private final MutableClock clock = new MutableClock();
  private final RecordStore store = new RecordStore(clock, Duration.ofHours(36), 2);

  @Test
  void aRecordExpiresAfterItsTtlUnlessStoredAgain() {
    DhtRecord a = new DhtRecord(new byte[] {1}, new byte[] {10}, "");
    store.put(a);
    clock.advance(Duration.ofHours(30));
    assertThat(store.get(new byte[] {1})).contains(a);
    store.put(a);
    clock.advance(Duration.ofHours(30));
    assertThat(store.get(new byte[] {1})).contains(a);
    clock.advance(Duration.ofHours(6));
    assertThat(store.get(new byte[] {1})).isEmpty();
    store.purgeExpired();
    assertThat(store.size()).isZero();
  }

  @Test
  void whenFullTheRecordClosestToExpiryMakesRoom() {
    store.put(new DhtRecord(new byte[] {1}, new byte[] {10}, ""));
    clock.advance(Duration.ofMinutes(1));
    store.put(new DhtRecord(new byte[] {2}, new byte[] {20}, ""));
    store.put(new DhtRecord(new byte[] {3}, new byte[] {30}, ""));
    assertThat(store.size()).isEqualTo(2);
    assertThat(store.get(new byte[] {1})).isEmpty();
    assertThat(store.get(new byte[] {3})).isPresent();
  }
}
