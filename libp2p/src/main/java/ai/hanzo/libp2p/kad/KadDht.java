package ai.hanzo.libp2p.kad;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostListener;
import ai.hanzo.libp2p.host.protocol.identify.IdentifyMessage;
import ai.hanzo.libp2p.kad.net.InboundStream;
import ai.hanzo.libp2p.kad.net.KadRpc;
import ai.hanzo.libp2p.kad.provider.ProviderStore;
import ai.hanzo.libp2p.kad.record.RecordStore;
import ai.hanzo.libp2p.kad.routing.RoutingTable;
import ai.hanzo.libp2p.kad.routing.TableMaintainer;
import ai.hanzo.libp2p.kad.wire.DhtPeer;
import ai.hanzo.libp2p.kad.wire.MessageType;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Kademlia DHT ({@code /ipfs/kad/1.0.0}) on a {@link Host}: peer routing, values and
 * provider records. Peers enter the routing table when Identify says they serve the DHT; in
 * server mode we serve it too. Every operation is asynchronous and never blocks the caller.
 */
public final class KadDht implements AutoCloseable {
  private final Host host;
  private final KadConfig config;
  private final RoutingTable table;
  private final TableMaintainer maintainer;
  private final DhtQueries queries;
  private final ValueOperations values;
  private final ProviderOperations providers;
  private final RecordStore recordStore;
  private final ProviderStore providerStore;
  private final DhtRequests requests;
  private final Map<PeerId, CompletableFuture<Void>> awaitingServer = new ConcurrentHashMap<>();
  private final DhtMaintenance maintenance;
  private volatile boolean closed;

  public KadDht(Host host, KadConfig config, Clock clock) {
    this.host = host;
    this.config = config;
    this.table = new RoutingTable(host.peerId(), config.k(), clock);
    this.maintainer = new TableMaintainer(table, peer -> host.ping(peer)
        .orTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .handle((rtt, error) -> error == null));
    KadRpc rpc = new KadRpc(host, config.requestTimeout(), config.maxMessageSize());
    PeerEntries entries = new PeerEntries(host, config.addressFilter());
    this.recordStore = new RecordStore(clock, config.recordTtl(), config.maxRecords());
    this.providerStore = new ProviderStore(clock, config.providerTtl(), config.maxProviderKeys(),
        config.k());
    this.queries = new DhtQueries(host.peerId(), table, maintainer, rpc, entries, config.alpha());
    this.values = new ValueOperations(queries, rpc, recordStore, config.validators());
    this.providers = new ProviderOperations(host, queries, rpc, providerStore, entries);
    this.requests = new DhtRequests(host.peerId(), table, recordStore, providerStore,
        config.validators(), entries, clock);
    this.maintenance = new DhtMaintenance(config, table, queries, host.peerId(),
        this::purgeAndRepublish);
  }

  /** Starts serving (server mode), watching Identify for DHT servers, and periodic refresh. */
  public void start() {
    host.addListener(new HostListener() {
      @Override
      public void identified(PeerId peer, IdentifyMessage identify) {
        if (closed) {
          return;
        }
        onIdentified(peer, identify.protocols().contains(KadRpc.PROTOCOL));
      }
    });
    if (config.mode() == DhtMode.SERVER) {
      host.addProtocolHandler(KadRpc.PROTOCOL, () -> new InboundStream(requests,
          config.maxMessageSize(), config.requestTimeout()));
    }
    maintenance.start();
  }

  public KadConfig config() {
    return config;
  }

  public RoutingTable routingTable() {
    return table;
  }

  /**
   * Connects to the bootstrap peers, waits until each has identified itself as a DHT server, and
   * runs a self lookup to fill the table; completes with the table size.
   */
  public CompletableFuture<Integer> bootstrap(List<Multiaddr> peers) {
    CompletableFuture<?>[] joins = peers.stream().map(address -> host.dial(address)
        .thenCompose(c -> awaitServer(c.remotePeer()))
        .exceptionally(e -> null)).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(joins)
        .thenCompose(v -> queries.closestPeers(host.peerId().toBytes()))
        .thenApply(v -> table.size());
  }

  /** The addresses of {@code peer}: known ones when connected, else from a lookup. */
  public CompletableFuture<Optional<PeerAddresses>> findPeer(PeerId peer) {
    List<Multiaddr> known = host.peerStore().addresses(peer);
    if (host.connectionManager().find(peer).isPresent() && !known.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.of(new PeerAddresses(peer, known)));
    }
    AtomicReference<PeerAddresses> found = new AtomicReference<>();
    return queries.lookup(MessageType.FIND_NODE, peer.toBytes(), (from, answer) -> {
      for (DhtPeer p : answer.closerPeers()) {
        if (p.id().equals(peer) && !p.addresses().isEmpty()) {
          found.compareAndSet(null, new PeerAddresses(peer, p.addresses()));
        }
      }
    }, () -> found.get() != null).thenApply(v -> Optional.ofNullable(found.get()));
  }

  /** The k peers closest to {@code key} that answered, closest first. */
  public CompletableFuture<List<PeerId>> closestPeers(byte[] key) {
    return queries.closestPeers(key);
  }

  /**
   * Stores a value under {@code key} here and at the k closest peers; fails with {@link
   * ai.hanzo.libp2p.kad.record.InvalidRecordException} when the key's namespace refuses it.
   * Completes with how many peers accepted it.
   */
  public CompletableFuture<Integer> putValue(byte[] key, byte[] value) {
    return values.put(key, value);
  }

  /** The best valid value under {@code key}, here or at the closest peers. */
  public CompletableFuture<Optional<byte[]>> getValue(byte[] key) {
    return values.get(key);
  }

  /** Announces that we provide {@code key}; renewed on every republish interval. */
  public CompletableFuture<Integer> provide(byte[] key) {
    return providers.provide(key);
  }

  /**
   * No longer provides {@code key}: it is not republished and our own record is dropped; the records other peers
   * hold expire on their own, since Kademlia has no withdrawal.
   */
  public void stopProviding(byte[] key) {
    providers.stopProviding(key);
  }

  /** Up to {@code limit} providers of {@code key} with their addresses. */
  public CompletableFuture<List<PeerAddresses>> findProviders(byte[] key, int limit) {
    return providers.findProviders(key, limit);
  }

  private void onIdentified(PeerId peer, boolean servesDht) {
    if (servesDht) {
      maintainer.offer(peer);
      CompletableFuture<Void> waiting = awaitingServer.remove(peer);
      if (waiting != null) {
        waiting.complete(null);
      }
    } else if (table.contains(peer)) {
      // It stopped serving the DHT (e.g. switched to client mode).
      table.remove(peer);
    }
  }

  private CompletableFuture<Void> awaitServer(PeerId peer) {
    CompletableFuture<Void> ready = awaitingServer.computeIfAbsent(peer,
        p -> new CompletableFuture<>());
    if (host.peerStore().protocols(peer).contains(KadRpc.PROTOCOL)) {
      maintainer.offer(peer);
      awaitingServer.remove(peer);
      ready.complete(null);
    }
    return ready.orTimeout(config.requestTimeout().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private CompletableFuture<Void> purgeAndRepublish(boolean republish) {
    recordStore.purgeExpired();
    providerStore.purgeExpired();
    return republish ? providers.republish() : CompletableFuture.completedFuture(null);
  }

  /** Stops the periodic work and no longer serves the DHT; the host stays up. */
  @Override
  public void close() {
    closed = true;
    maintenance.close();
    if (config.mode() == DhtMode.SERVER) {
      host.removeProtocolHandler(KadRpc.PROTOCOL);
    }
  }
}
