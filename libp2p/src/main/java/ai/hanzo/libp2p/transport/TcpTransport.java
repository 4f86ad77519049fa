package ai.hanzo.libp2p.transport;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multiformats.MultiformatException;
import ai.hanzo.libp2p.multiformats.Protocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * TCP listen and dial for {@code /ip4|ip6|dns|dns4|dns6/…/tcp/N} multiaddrs. Names are resolved
 * on {@code resolver}, never on an event loop.
 */
public final class TcpTransport {
  /**
   * Netty's default (32/64 KiB) turns a connection unwritable after every Noise frame, so a
   * busy stream paid a flush, a syscall and a writability round trip per 64 KiB; bulk transfers
   * used about 8 % more CPU per byte than with these marks.
   */
  private static final WriteBufferWaterMark WATER_MARK =
      new WriteBufferWaterMark(128 * 1024, 256 * 1024);
  /**
   * Reads grow up to 256 KiB (Netty's default stops at 64 KiB) while a connection keeps filling
   * them: a 64 KiB Noise frame then rarely straddles two reads, and only straddling frames get
   * copied before decryption. Quiet connections keep small buffers.
   */
  private static final RecvByteBufAllocator READS =
      new AdaptiveRecvByteBufAllocator(64, 2048, 256 * 1024);

  private final EventLoops loops;
  private final Duration connectTimeout;
  private final Executor resolver;

  public TcpTransport(EventLoops loops, Duration connectTimeout, Executor resolver) {
    this.loops = loops;
    this.connectTimeout = connectTimeout;
    this.resolver = resolver;
  }

  /**
   * Binds {@code address} (port 0 picks a free port); {@code initializer} runs on every accepted
   * channel before it becomes active.
   */
  public CompletableFuture<TcpListener> listen(Multiaddr address, Consumer<Channel> initializer) {
    return resolve(address).thenCompose(socket -> {
      ChannelFuture bind = new ServerBootstrap()
          .group(loops.group())
          .channel(loops.serverChannel())
          .option(ChannelOption.SO_REUSEADDR, true)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
          .childOption(ChannelOption.RCVBUF_ALLOCATOR, READS)
          .childHandler(initializerOf(initializer))
          .bind(socket);
      CompletableFuture<TcpListener> listener = new CompletableFuture<>();
      bind.addListener(f -> {
        if (f.isSuccess()) {
          listener.complete(new TcpListener(bind.channel()));
        } else {
          listener.completeExceptionally(
              new TransportException("cannot listen on " + address + ": " + f.cause(), f.cause()));
        }
      });
      return listener;
    });
  }

  /** Connects to {@code address}; fails after the connect timeout. */
  public CompletableFuture<Channel> dial(Multiaddr address, Consumer<Channel> initializer) {
    return resolve(address).thenCompose(socket -> {
      ChannelFuture connect = new Bootstrap()
          .group(loops.group())
          .channel(loops.socketChannel())
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
          .option(ChannelOption.RCVBUF_ALLOCATOR, READS)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
          .handler(initializerOf(initializer))
          .connect(socket);
      CompletableFuture<Channel> channel = new CompletableFuture<>();
      connect.addListener(f -> {
        if (f.isSuccess()) {
          channel.complete(connect.channel());
        } else {
          channel.completeExceptionally(
              new TransportException("cannot connect to " + address + ": " + f.cause(), f.cause()));
        }
      });
      return channel;
    });
  }

  /** The IP endpoint of a TCP multiaddr, looking DNS names up on the resolver executor. */
  CompletableFuture<InetSocketAddress> resolve(Multiaddr address) {
    InetSocketAddress socket;
    try {
      socket = address.toInetSocketAddress();
    } catch (MultiformatException e) {
      return CompletableFuture.failedFuture(
          new TransportException("not a TCP multiaddr: " + address, e));
    }
    if (!socket.isUnresolved()) {
      return CompletableFuture.completedFuture(socket);
    }
    Protocol family = address.components().get(0).protocol();
    return CompletableFuture.supplyAsync(() -> lookUp(address, family, socket), resolver);
  }

  private static InetSocketAddress lookUp(
      Multiaddr address, Protocol family, InetSocketAddress socket) {
    try {
      return Arrays.stream(InetAddress.getAllByName(socket.getHostString()))
          .filter(ip -> family != Protocol.DNS4 || ip instanceof Inet4Address)
          .filter(ip -> family != Protocol.DNS6 || ip instanceof Inet6Address)
          .findFirst()
          .map(ip -> new InetSocketAddress(ip, socket.getPort()))
          .orElseThrow(() -> new CompletionException(new TransportException(
              "no " + family.text() + " address for " + socket.getHostString())));
    } catch (UnknownHostException e) {
      throw new CompletionException(
          new TransportException("cannot resolve " + socket.getHostString() + " in " + address, e));
    }
  }

  /** True for the multiaddrs this transport can dial. */
  public static boolean canDial(Multiaddr address) {
    var parts = address.components();
    if (parts.size() < 2 || parts.get(1).protocol() != Protocol.TCP) {
      return false;
    }
    Protocol host = parts.get(0).protocol();
    return host == Protocol.IP4 || host == Protocol.IP6 || host.isDns()
        && host != Protocol.DNSADDR;
  }

  /** The address without any {@code /p2p/…} suffix. */
  public static Multiaddr withoutPeerId(Multiaddr address) {
    var kept = address.components().stream()
        .filter(c -> c.protocol() != Protocol.P2P)
        .toList();
    return kept.size() == address.components().size() ? address : Multiaddr.of(kept);
  }

  private static ChannelInitializer<Channel> initializerOf(Consumer<Channel> initializer) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        initializer.accept(ch);
      }
    };
  }
}
