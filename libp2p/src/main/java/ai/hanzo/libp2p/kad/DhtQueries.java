package ai.hanzo.libp2p.kad;

import ai.hanzo.libp2p.kad.net.KadRpc;
import ai.hanzo.libp2p.kad.query.Lookup;
import ai.hanzo.libp2p.kad.query.LookupState;
import ai.hanzo.libp2p.kad.routing.KadId;
import ai.hanzo.libp2p.kad.routing.RoutingTable;
import ai.hanzo.libp2p.kad.routing.TableMaintainer;
import ai.hanzo.libp2p.kad.wire.DhtMessage;
import ai.hanzo.libp2p.kad.wire.DhtPeer;
import ai.hanzo.libp2p.kad.wire.MessageType;
import ai.hanzo.libp2p.multistream.MultistreamException;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Iterative lookups over the network: each asks the closest known peers, learns closer ones from
 * their answers, and lets the caller look at every answer (records, providers, a wanted peer).
 */
final class DhtQueries {
  private final PeerId self;
  private final RoutingTable table;
  private final TableMaintainer maintainer;
  private final KadRpc rpc;
  private final PeerEntries entries;
  private final int alpha;

  DhtQueries(PeerId self, RoutingTable table, TableMaintainer maintainer, KadRpc rpc,
      PeerEntries entries, int alpha) {
    this.self = self;
    this.table = table;
    this.maintainer = maintainer;
    this.rpc = rpc;
    this.entries = entries;
    this.alpha = alpha;
  }

  /**
   * Runs a lookup of {@code type} for {@code key}.
   *
   * @param onAnswer sees every answer, on the thread that received it
   * @param done true ends the lookup early
   * @return the k closest peers that answered
   */
  CompletableFuture<List<PeerId>> lookup(MessageType type, byte[] key,
      BiConsumer<PeerId, DhtMessage> onAnswer, BooleanSupplier done) {
    KadId target = KadId.ofKey(key);
    int k = table.bucketSize();
    table.markRefreshed(Math.min(table.localId().commonPrefixLength(target), KadId.BITS - 1));
    LookupState state = new LookupState(target, self, k, alpha, table.closest(target, k));
    DhtMessage request = DhtMessage.request(type, key);
    return Lookup.run(state, peer -> rpc.request(peer, request).handle((answer, error) -> {
      if (error != null) {
        forgetIfGone(peer, error);
        throw new CompletionException(error);
      }
      if (table.contains(peer)) {
        table.markSeen(peer);
      }
      List<DhtPeer> closer = answer.closerPeers().stream()
          .filter(p -> !p.addresses().isEmpty() || p.id().equals(self))
          .limit(k).toList();
      entries.learn(closer);
      onAnswer.accept(peer, answer);
      return closer.stream().map(DhtPeer::id).toList();
    }), done);
  }

  CompletableFuture<List<PeerId>> closestPeers(byte[] key) {
    return lookup(MessageType.FIND_NODE, key, (p, m) -> {}, () -> false);
  }

  /**
   * Finds the k peers closest to {@code key} and calls {@code send} for each; completes with how
   * many of those calls succeeded.
   */
  CompletableFuture<Integer> toClosest(byte[] key,
      Function<PeerId, CompletableFuture<?>> send) {
    return closestPeers(key).thenCompose(peers -> {
      List<CompletableFuture<Boolean>> sends = new ArrayList<>();
      for (PeerId peer : peers) {
        sends.add(send.apply(peer).handle((v, error) -> error == null));
      }
      return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .thenApply(v -> (int) sends.stream().filter(CompletableFuture::join).count());
    });
  }

  /** Peers we cannot reach or that no longer speak the DHT leave the table; slow ones stay. */
  private void forgetIfGone(PeerId peer, Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (cause instanceof TransportException || cause instanceof MultistreamException) {
      maintainer.failed(peer);
    }
  }
}
