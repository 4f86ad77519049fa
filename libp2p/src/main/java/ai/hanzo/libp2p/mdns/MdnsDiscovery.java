package ai.hanzo.libp2p.mdns;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libp2p mDNS discovery as js-libp2p and go-libp2p do it: a {@code _p2p._udp.local} PTR query on every chosen
 * interface at start and then every interval, answers with our {@code dnsaddr=} TXT records to every such query
 * (our own included, so peers listening passively hear of us), and every response turned into
 * {@link MdnsListener#peerDiscovered} calls. Runs on one event-loop thread of its own.
 */
public final class MdnsDiscovery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MdnsDiscovery.class);

  private final MdnsConfig config;
  private final PacketHandler handler;
  private final byte[] query;
  private final EventLoopGroup loop;
  private final List<MulticastChannel> channels = new CopyOnWriteArrayList<>();
  private final AtomicReference<CompletableFuture<Void>> started = new AtomicReference<>();
  private volatile ScheduledFuture<?> queries;
  private volatile boolean closed;

  /**
   * @param addresses our current listen addresses without {@code /p2p}, asked at every query we answer
   */
  public MdnsDiscovery(MdnsConfig config, PeerId self, Supplier<List<Multiaddr>> addresses,
      MdnsListener listener) {
    this.config = config;
    this.handler = new PacketHandler(new PeerAnnouncement(config, self), new ResponseReader(config, self),
        addresses, listener);
    this.query = DnsMessageEncoder.encode(DnsMessage.query(
        List.of(DnsQuestion.of(config.service(), RecordData.TYPE_PTR))), true);
    this.loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("libp2p-mdns", true),
        NioIoHandler.newFactory());
  }

  /**
   * Opens a socket per chosen interface, sends the first query and schedules the next ones. Completes when all
   * sockets are open; fails when none could be opened though some interface was chosen. Does nothing when the
   * config disables mDNS. A second call returns the first one's result.
   */
  public CompletableFuture<Void> start() {
    CompletableFuture<Void> first = new CompletableFuture<>();
    if (!started.compareAndSet(null, first)) {
      return started.get();
    }
    open().whenComplete((v, e) -> {
      if (e != null) {
        first.completeExceptionally(e);
      } else {
        first.complete(null);
      }
    });
    return first;
  }

  private CompletableFuture<Void> open() {
    if (!config.enabled()) {
      return CompletableFuture.completedFuture(null);
    }
    List<NetworkInterface> nics;
    try {
      nics = MdnsInterfaces.select(config.interfaces());
    } catch (SocketException | IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (nics.isEmpty()) {
      LOG.warn("mDNS: no up, multicast-capable interface with an IPv4 address; discovery stays idle");
      return CompletableFuture.completedFuture(null);
    }
    List<CompletableFuture<Void>> opening = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (NetworkInterface nic : nics) {
      opening.add(MulticastChannel.open(loop, nic, this::received).handle((channel, error) -> {
        if (error != null) {
          LOG.warn("mDNS: cannot listen on {}: {}", nic.getName(), error.toString());
          failures.add(error);
        } else {
          channels.add(channel);
        }
        return null;
      }));
    }
    return CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).thenCompose(v -> {
      if (channels.isEmpty()) {
        return CompletableFuture.failedFuture(new SocketException("mDNS could not open any of "
            + nics.stream().map(NetworkInterface::getName).toList() + ": " + failures));
      }
      if (closed) {
        channels.forEach(MulticastChannel::close);
        return CompletableFuture.completedFuture(null);
      }
      long every = config.interval().toMillis();
      try {
        queries = loop.next().scheduleAtFixedRate(this::queryNow, 0, every, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closedMeanwhile) {
        channels.forEach(MulticastChannel::close);
      }
      return CompletableFuture.completedFuture(null);
    });
  }

  /** Sends a query on every interface now, besides the periodic ones. */
  public void queryNow() {
    for (MulticastChannel channel : channels) {
      channel.send(query, MulticastChannel.GROUP).addListener(f -> {
        if (!f.isSuccess()) {
          LOG.debug("mDNS query on {} failed: {}", channel.networkInterface().getName(), f.cause().toString());
        }
      });
    }
  }

  /** The names of the interfaces with an open socket. */
  public List<String> interfaces() {
    return channels.stream().map(c -> c.networkInterface().getName()).toList();
  }

  private void received(MulticastChannel channel, byte[] packet, InetSocketAddress sender) {
    handler.handle(packet, sender).filter(reply -> channel.claimAnswerSlot(System.nanoTime()))
        .ifPresent(reply -> channel.send(reply.packet(), reply.recipient()));
  }

  /** Stops querying, closes the sockets and the event loop; idempotent. */
  public CompletableFuture<Void> shutdown() {
    closed = true;
    ScheduledFuture<?> scheduled = queries;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    channels.forEach(MulticastChannel::close);
    channels.clear();
    loop.shutdownGracefully(0, 5, TimeUnit.SECONDS).addListener(f -> done.complete(null));
    return done;
  }

  /** Blocking {@link #shutdown()}; never call it on the discovery's own event loop. */
  @Override
  public void close() {
    shutdown().join();
  }
}
