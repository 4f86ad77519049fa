package ai.hanzo.libp2p.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CachesTest {
  private static MessageId id(int n) {
    return MessageId.of(new byte[] {(byte) n});
  }

  private static RpcProto.Message message(String topic) {
    return RpcProto.Message.newBuilder().setTopic(topic).build();
  }

  @Test
  void seenCacheForgetsIdsAfterTheTtl() {
    MutableClock clock = new MutableClock();
    SeenCache seen = new SeenCache(clock, 120_000);
    assertThat(seen.add(id(1))).isTrue();
    assertThat(seen.add(id(1))).isFalse();
    clock.advance(Duration.ofSeconds(60));
    assertThat(seen.add(id(2))).isTrue();
    clock.advance(Duration.ofSeconds(60));
    assertThat(seen.contains(id(1))).isFalse();
    assertThat(seen.contains(id(2))).isTrue();
    assertThat(seen.size()).isEqualTo(1);
  }

  @Test
  void messageCacheGossipsTheNewestWindowsAndKeepsMcacheLength() {
    MessageCache cache = new MessageCache(3, 5);
    for (int i = 0; i < 6; i++) {
      cache.put(id(i), message(i % 2 == 0 ? "a" : "b"));
      cache.shift();
    }
    // Windows newest first: [], [5], [4], [3], [2]; ids 0 and 1 fell out.
    assertThat(cache.get(id(0))).isEmpty();
    assertThat(cache.get(id(1))).isEmpty();
    assertThat(cache.get(id(2))).isPresent();
    assertThat(cache.size()).isEqualTo(4);
    assertThat(cache.gossipIds("a")).containsExactly(id(4));
    assertThat(cache.gossipIds("b")).containsExactly(id(5));
  }

  @Test
  void messageCacheCountsFetchesPerPeer() {
    MessageCache cache = new MessageCache(3, 5);
    cache.put(id(1), message("a"));
    PeerId p = PeerId.fromPublicKey(Ed25519PrivateKey.generate().publicKey());
    PeerId q = PeerId.fromPublicKey(Ed25519PrivateKey.generate().publicKey());
    assertThat(cache.fetch(id(1), p, 2)).isPresent();
    assertThat(cache.fetch(id(1), p, 2)).isPresent();
    assertThat(cache.fetch(id(1), p, 2)).isEmpty();
    assertThat(cache.fetch(id(1), q, 2)).isPresent();
    assertThat(cache.fetch(id(9), q, 2)).isEmpty();
  }

  @Test
  void backoffsAreExtendedNeverShortenedAndExpire() {
    MeshState state = new MeshState();
    PeerId p = PeerId.fromPublicKey(Ed25519PrivateKey.generate().publicKey());
    state.backoff("t", p, 1000);
    state.backoff("t", p, 500);
    assertThat(state.backoffUntilMillis("t", p)).isEqualTo(1000);
    assertThat(state.inBackoff("t", p, 999)).isTrue();
    assertThat(state.inBackoff("t", p, 1000)).isFalse();
    state.expireBackoffs(5000, 2000);
    assertThat(state.backoffUntilMillis("t", p)).isZero();
  }
}
