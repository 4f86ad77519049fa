package ai.hanzo.node.p2p;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the node connected to its bootstrap peers: dials each at start and again whenever it is not connected,
 * backing off exponentially (with jitter, capped) while a peer cannot be reached.
 */
final class BootstrapDialer {
  private static final Logger log = LoggerFactory.getLogger(BootstrapDialer.class);
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration MAX_RETRY = Duration.ofMinutes(1);

  private final Host host;
  private final List<Multiaddr> peers;
  private final ScheduledExecutorService scheduler;
  private final Set<Multiaddr> dialing = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;

  BootstrapDialer(Host host, List<Multiaddr> peers, ScheduledExecutorService scheduler) {
    this.host = host;
    this.peers = List.copyOf(peers);
    this.scheduler = scheduler;
  }

  /** Dials every bootstrap peer; completes (never exceptionally) when each first attempt has ended. */
  java.util.concurrent.CompletableFuture<Void> start() {
    return java.util.concurrent.CompletableFuture.allOf(peers.stream().map(peer -> dial(peer, FIRST_RETRY))
        .toArray(java.util.concurrent.CompletableFuture[]::new));
  }

  /** A bootstrap peer went away: dial it again (unless a dial is already under way). */
  void redialIfBootstrap(Multiaddr remote, ai.hanzo.libp2p.peer.PeerId peerId) {
    for (Multiaddr peer : peers) {
      if (PeerId.of(peer).map(peerId::equals).orElse(peer.equals(remote))) {
        scheduler.schedule(() -> dial(peer, FIRST_RETRY), FIRST_RETRY.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Whether some bootstrap peer (named with /p2p) is connected now. */
  boolean anyConnected() {
    return peers.stream().anyMatch(p -> PeerId.of(p).map(id -> host.connectionManager().find(id).isPresent())
        .orElse(false));
  }

  void stop() {
    stopped = true;
  }

  private java.util.concurrent.CompletableFuture<Void> dial(Multiaddr peer, Duration backoff) {
    if (stopped || !dialing.add(peer)) {
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
    return host.dial(peer).handle((connection, error) -> {
      dialing.remove(peer);
      if (error == null) {
        log.info("Connected to bootstrap peer {}", peer);
        return null;
      }
      if (stopped) {
        return null;
      }
      long jittered = backoff.toMillis() / 2 + ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1);
      log.warn("Bootstrap peer {} unreachable ({}); retrying in {} ms", peer, rootMessage(error), jittered);
      Duration next = backoff.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : backoff.multipliedBy(2);
      scheduler.schedule(() -> dial(peer, next), jittered, TimeUnit.MILLISECONDS);
      return null;
    });
  }

  private static String rootMessage(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
