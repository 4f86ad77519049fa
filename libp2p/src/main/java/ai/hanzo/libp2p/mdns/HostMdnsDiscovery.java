package ai.hanzo.libp2p.mdns;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mDNS for a {@link Host}: announces the host's listen addresses (a wildcard listener already stands there for each
 * interface's address), records what it discovers in the host's peer store, passes it on to {@code listener} and,
 * when asked, dials each discovered peer it is not connected to.
 */
public final class HostMdnsDiscovery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HostMdnsDiscovery.class);

  private final Host host;
  private final boolean dialDiscovered;
  private final MdnsListener listener;
  private final MdnsDiscovery discovery;
  private final Set<PeerId> dialing = ConcurrentHashMap.newKeySet();

  public HostMdnsDiscovery(Host host, MdnsConfig config, boolean dialDiscovered, MdnsListener listener) {
    this.host = host;
    this.dialDiscovered = dialDiscovered;
    this.listener = listener;
    this.discovery = new MdnsDiscovery(config, host.peerId(), this::announcedAddresses, this::discovered);
  }

  public CompletableFuture<Void> start() {
    return discovery.start();
  }

  public MdnsDiscovery discovery() {
    return discovery;
  }

  /** The host's listen addresses, wildcards already replaced by each interface's address. */
  List<Multiaddr> announcedAddresses() {
    return host.listenAddresses();
  }

  private void discovered(PeerId peer, List<Multiaddr> addresses) {
    host.peerStore().addAddresses(peer, addresses);
    boolean connected = host.connectionManager().find(peer).filter(Connection::isOpen).isPresent();
    if (dialDiscovered && !connected && dialing.add(peer)) {
      try {
        host.dial(peer).whenComplete((connection, error) -> {
          dialing.remove(peer);
          if (error != null) {
            LOG.debug("dialing {} found by mDNS failed: {}", peer, error.toString());
          }
        });
      } catch (IllegalStateException closed) {
        dialing.remove(peer);
      }
    }
    listener.peerDiscovered(peer, addresses);
  }

  @Override
  public void close() {
    discovery.close();
  }
}
