package ai.hanzo.libp2p.host;

import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import ai.hanzo.libp2p.transport.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps at most one connection per peer and the total within {@link ConnectionLimits}. When two
 * connections to the same peer meet (both sides dialed at once), both peers keep the same one:
 * the connection dialed by the peer with the smaller id, or the older if one peer dialed both.
 * Thread-safe.
 */
public final class ConnectionManager {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionManager.class);

  private final ConnectionLimits limits;
  private final List<Connection> connections = new ArrayList<>();

  public ConnectionManager(ConnectionLimits limits) {
    this.limits = limits;
  }

  /**
   * Takes a new connection in, or closes it. Returns the connection to use for its peer (the new
   * one, or the one it lost to), empty when it was refused over the limit.
   */
  public Optional<Connection> admit(Connection candidate) {
    List<Connection> toClose = new ArrayList<>();
    Connection kept;
    synchronized (this) {
      Optional<Connection> existing = find(candidate.remotePeer());
      if (existing.isPresent()) {
        kept = preferred(existing.get(), candidate);
        Connection loser = kept == candidate ? existing.get() : candidate;
        connections.remove(loser);
        toClose.add(loser);
        if (kept == candidate) {
          connections.add(candidate);
        }
      } else if (connections.size() >= limits.maxConnections()) {
        LOG.debug("refusing {}: {} connections open", candidate, connections.size());
        toClose.add(candidate);
        kept = null;
      } else {
        connections.add(candidate);
        kept = candidate;
      }
      toClose.addAll(trim());
    }
    toClose.forEach(Connection::close);
    return Optional.ofNullable(kept);
  }

  /** Forgets a connection that closed; true when it was one this manager kept. */
  public synchronized boolean remove(Connection connection) {
    return connections.remove(connection);
  }

  public synchronized Optional<Connection> find(PeerId peer) {
    return connections.stream().filter(c -> c.remotePeer().equals(peer)).findFirst();
  }

  public synchronized List<Connection> connections() {
    return List.copyOf(connections);
  }

  public synchronized int size() {
    return connections.size();
  }

  /** Above the high watermark: the oldest idle connections first, down to the low watermark. */
  private List<Connection> trim() {
    if (connections.size() <= limits.highWater()) {
      return List.of();
    }
    List<Connection> order = new ArrayList<>(connections);
    order.sort(Comparator.comparing((Connection c) -> !c.isIdle())
        .thenComparing(Connection::openedAt));
    List<Connection> trimmed = new ArrayList<>(
        order.subList(0, connections.size() - limits.lowWater()));
    connections.removeAll(trimmed);
    LOG.debug("trimmed {} connections down to {}", trimmed.size(), connections.size());
    return trimmed;
  }

  /** The same answer on both peers for the same pair of connections. */
  static Connection preferred(Connection a, Connection b) {
    int byDialer = compare(dialer(a), dialer(b));
    if (byDialer != 0) {
      return byDialer < 0 ? a : b;
    }
    return b.openedAt().isBefore(a.openedAt()) ? b : a;
  }

  private static PeerId dialer(Connection c) {
    return c.direction() == Direction.OUTBOUND ? c.localPeer() : c.remotePeer();
  }

  private static int compare(PeerId x, PeerId y) {
    return Arrays.compareUnsigned(x.toBytes(), y.toBytes());
  }
}
