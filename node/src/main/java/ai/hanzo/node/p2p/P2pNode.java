package ai.hanzo.node.p2p;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.host.HostListener;
import ai.hanzo.libp2p.host.protocol.identify.IdentifyMessage;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multiformats.Protocol;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import ai.hanzo.node.config.P2pConfig;
import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.events.EventTypes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node on the libp2p network: a {@link Host} on {@code --p2p-addr} with the node's persistent identity, serving
 * Identify, Ping, Echo and Perf, connected to its bootstrap peers, and publishing peer events on the bus.
 */
public final class P2pNode {
  private static final Logger log = LoggerFactory.getLogger(P2pNode.class);
  private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(10);

  private final P2pConfig config;
  private final java.nio.file.Path dataDir;
  private volatile NodeIdentity identity;
  private final String agentVersion;
  private final EventBus events;
  private final Clock clock;
  private Host host;
  private ScheduledExecutorService scheduler;
  private BootstrapDialer bootstrap;

  public P2pNode(P2pConfig config, java.nio.file.Path dataDir, String agentVersion, EventBus events, Clock clock) {
    this.config = config;
    this.dataDir = dataDir;
    this.agentVersion = agentVersion;
    this.events = events;
    this.clock = clock;
  }

  /** Loads (or on the first start creates) the identity, listens, and starts dialing the bootstrap peers. */
  public void start() throws Exception {
    identity = NodeIdentity.loadOrCreate(dataDir);
    host = new Host(HostConfig.defaults(identity.key()).withAgentVersion(agentVersion));
    host.addListener(new EventPublisher());
    Multiaddr bound = host.listen(Multiaddr.parse(config.listenAddr()))
        .get(LISTEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    log.info("libp2p listening on {}/p2p/{}", bound, identity.peerId());
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "p2p-bootstrap");
      t.setDaemon(true);
      return t;
    });
    bootstrap = new BootstrapDialer(host, config.bootstrap().stream().map(Multiaddr::parse).toList(), scheduler);
    bootstrap.start();
  }

  public void stop() throws Exception {
    if (bootstrap != null) {
      bootstrap.stop();
      scheduler.shutdownNow();
    }
    if (host != null) {
      host.shutdown().get(10, TimeUnit.SECONDS);
    }
  }

  /** Null until started. */
  public PeerId peerId() {
    return identity == null ? null : identity.peerId();
  }

  public List<Multiaddr> listenAddresses() {
    return host == null ? List.of() : host.listenAddresses();
  }

  /** The TCP port the host really bound (after port 0), or 0 before it listens. */
  public int boundPort() {
    return listenAddresses().stream()
        .flatMap(a -> a.components().stream())
        .filter(c -> c.protocol() == Protocol.TCP)
        .mapToInt(c -> c.port())
        .findFirst().orElse(0);
  }

  public int connectedPeers() {
    return host == null ? 0 : host.connectionManager().connections().size();
  }

  private void publish(String type, PeerId peer, String message, Map<String, String> attributes) {
    events.publish(new DomainEvent(clock.instant(), type, "peer", peer.toString(), message, attributes));
  }

  /** Turns host callbacks (on event loops) into bus events; publishing never blocks. */
  private final class EventPublisher implements HostListener {
    @Override
    public void connected(Connection connection) {
      publish(EventTypes.PEER_CONNECTED, connection.remotePeer(), "connected to " + connection.remoteAddress(),
          Map.of("address", connection.remoteAddress().toString()));
    }

    @Override
    public void disconnected(Connection connection) {
      publish(EventTypes.PEER_DISCONNECTED, connection.remotePeer(), "disconnected",
          Map.of("address", connection.remoteAddress().toString()));
      if (bootstrap != null) {
        bootstrap.redialIfBootstrap(connection.remoteAddress(), connection.remotePeer());
      }
    }

    @Override
    public void identified(PeerId peer, IdentifyMessage identify) {
      publish(EventTypes.PEER_IDENTIFIED, peer, "identified",
          Map.of("agent", String.valueOf(identify.agentVersion())));
    }
  }
}
