package ai.hanzo.libp2p.kad;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.kad.net.KadRpc;
import ai.hanzo.libp2p.kad.provider.ProviderStore;
import ai.hanzo.libp2p.kad.record.BytesKey;
import ai.hanzo.libp2p.kad.wire.DhtMessage;
import ai.hanzo.libp2p.kad.wire.DhtPeer;
import ai.hanzo.libp2p.kad.wire.MessageType;
import ai.hanzo.libp2p.peer.PeerId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** ADD_PROVIDER and GET_PROVIDERS: announcing what we provide, finding who provides a key. */
final class ProviderOperations {
  private final Host host;
  private final DhtQueries queries;
  private final KadRpc rpc;
  private final ProviderStore store;
  private final PeerEntries entries;
  private final Set<BytesKey> provided = ConcurrentHashMap.newKeySet();

  ProviderOperations(Host host, DhtQueries queries, KadRpc rpc, ProviderStore store,
      PeerEntries entries) {
    this.host = host;
    this.queries = queries;
    this.rpc = rpc;
    this.store = store;
    this.entries = entries;
  }

  /**
   * Announces us as a provider of {@code key} to the k closest peers (and keeps announcing it on
   * every republish); completes with how many were sent the announcement.
   */
  CompletableFuture<Integer> provide(byte[] key) {
    provided.add(new BytesKey(key));
    store.add(key, host.peerId());
    // Our own addresses go out unfiltered: the receiver decides what it hands on.
    DhtMessage announcement = DhtMessage.request(MessageType.ADD_PROVIDER, key)
        .withProviderPeers(List.of(DhtPeer.of(host.peerId(), host.listenAddresses())));
    return queries.toClosest(key, peer -> rpc.send(peer, announcement));
  }

  /**
   * Stops announcing {@code key}: no republish, and our own record here is gone. Records already sent to other
   * peers stay there until they expire (the protocol has no withdrawal).
   */
  void stopProviding(byte[] key) {
    provided.remove(new BytesKey(key));
    store.remove(key, host.peerId());
  }

  /** Up to {@code limit} providers of {@code key}, known here or found at the closest peers. */
  CompletableFuture<List<PeerAddresses>> findProviders(byte[] key, int limit) {
    Map<PeerId, PeerAddresses> found = new LinkedHashMap<>();
    for (PeerId local : store.get(key)) {
      entries.entry(local).ifPresent(e -> found.put(local, new PeerAddresses(local,
          e.addresses())));
    }
    return queries.lookup(MessageType.GET_PROVIDERS, key, (peer, answer) -> {
      entries.learn(answer.providerPeers());
      synchronized (found) {
        for (DhtPeer p : answer.providerPeers()) {
          if (found.size() < limit) {
            found.putIfAbsent(p.id(), new PeerAddresses(p.id(), p.addresses()));
          }
        }
      }
    }, () -> {
      synchronized (found) {
        return found.size() >= limit;
      }
    }).thenApply(peers -> {
      synchronized (found) {
        return List.copyOf(found.values());
      }
    });
  }

  /** Announces again everything we provide, before the announcements expire. */
  CompletableFuture<Void> republish() {
    return CompletableFuture.allOf(provided.stream().map(k -> provide(k.bytes()))
        .toArray(CompletableFuture[]::new));
  }
}
