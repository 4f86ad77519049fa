package ai.hanzo.node.p2p;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.kad.AddressFilter;
import ai.hanzo.libp2p.kad.DhtMode;
import ai.hanzo.libp2p.kad.KadConfig;
import ai.hanzo.libp2p.kad.KadDht;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.pubsub.Gossipsub;
import ai.hanzo.libp2p.pubsub.GossipsubConfig;
import ai.hanzo.node.config.P2pConfig;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.p2p.gossip.CommandHandler;
import ai.hanzo.node.p2p.gossip.CommandRules;
import ai.hanzo.node.p2p.gossip.GossipService;
import ai.hanzo.node.p2p.gossip.GossipSettings;
import ai.hanzo.node.p2p.gossip.NetworkCommand;
import ai.hanzo.node.p2p.gossip.NetworkDirectory;
import ai.hanzo.node.p2p.gossip.PayloadCheck;
import ai.hanzo.node.p2p.gossip.SeenCommands;
import ai.hanzo.node.p2p.gossip.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gossipsub and the Kademlia DHT on the node's host, and what the node does with them: its four topics and its
 * capability provider records.
 */
final class NodeOverlay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeOverlay.class);
  private static final Duration ANNOUNCE_CHECK = Duration.ofSeconds(5);
  /** Heartbeats missed before a node leaves the view (at least {@link #MIN_SILENCE}). */
  private static final int MISSED_HEARTBEATS = 3;
  private static final Duration MIN_SILENCE = Duration.ofSeconds(30);

  private final Gossipsub gossip;
  private final KadDht dht;
  private final GossipService service;
  private final NetworkDirectory directory;

  NodeOverlay(Host host, P2pConfig config, GossipWiring wiring, String agent, Path dataDir, EventBus events,
      ScheduledExecutorService scheduler, Clock clock) {
    this.gossip = Gossipsub.start(host, GossipsubConfig.defaults());
    KadConfig kad = KadConfig.defaults().withMode(config.dhtServer() ? DhtMode.SERVER : DhtMode.CLIENT);
    this.dht = new KadDht(host, config.dhtPrivateAddresses() ? kad.withAddressFilter(AddressFilter.PASSTHROUGH)
        : kad, clock);
    GossipSettings settings = new GossipSettings(config.heartbeatInterval(), config.metricsGossipInterval(),
        GossipSettings.DEFAULT_SKEW, GossipSettings.DEFAULT_MAX_AGE);
    Duration silence = config.heartbeatInterval().multipliedBy(MISSED_HEARTBEATS);
    this.directory = new NetworkDirectory(silence.compareTo(MIN_SILENCE) < 0 ? MIN_SILENCE : silence);
    CommandHandler commands = new CommandHandler(
        new PayloadCheck<>(wiring.codecs().commands(), CommandRules.MAX_VALIDITY, settings.skew(), clock),
        new CommandRules(settings.skew(), clock), new SeenCommands(dataDir, clock), wiring.authority(),
        wiring.executor(), events, wiring.self()::nodeId, () -> host.peerId().toString());
    this.service = new GossipService(gossip, wiring.codecs(), settings, wiring.self(), agent, directory, commands,
        events, scheduler, clock, wiring.admission());
    dht.start();
    service.start();
    CapabilityAnnouncer announcer = new CapabilityAnnouncer(dht, wiring.self(), clock);
    scheduler.scheduleWithFixedDelay(announcer::tick, ANNOUNCE_CHECK.toMillis(), ANNOUNCE_CHECK.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Joins the DHT through these peers (self lookup); the DHT refreshes itself from then on. */
  void bootstrap(List<Multiaddr> peers) {
    if (peers.isEmpty()) {
      return;
    }
    dht.bootstrap(peers).whenComplete((size, error) -> {
      if (error != null) {
        log.warn("DHT bootstrap failed: {}", error.toString());
      } else {
        log.info("DHT bootstrapped: {} peers in the routing table", size);
      }
    });
  }

  NetworkDirectory directory() {
    return directory;
  }

  /** The router, for topics other packages own ({@code hanzo/qos/v1}). */
  Gossipsub gossip() {
    return gossip;
  }

  int routingTableSize() {
    return dht.routingTable().size();
  }

  CompletableFuture<List<TopicView>> topics() {
    List<CompletableFuture<TopicView>> views = new ArrayList<>();
    for (String topic : Topics.ALL) {
      views.add(gossip.meshPeers(topic).thenCombine(gossip.topicPeers(topic),
          (mesh, all) -> new TopicView(topic, mesh.size(), all.size())));
    }
    return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new))
        .thenApply(v -> views.stream().map(CompletableFuture::join).toList());
  }

  CompletableFuture<List<ProviderView>> findProviders(String capability, int limit) {
    return dht.findProviders(CapabilityKeys.key(capability), limit).thenApply(found -> found.stream()
        .map(p -> new ProviderView(p.peer().toString(), p.addresses().stream().map(Multiaddr::toString).toList(),
            directory.find(p.peer().toString()).map(e -> e.announcement().nodeId()).orElse("")))
        .toList());
  }

  CompletableFuture<Integer> send(NetworkCommand command) {
    return service.send(command);
  }

  @Override
  public void close() {
    service.close();
    dht.close();
    gossip.close();
  }
}
