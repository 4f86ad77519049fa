package ai.hanzo.libp2p.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Netty event loops of one transport: epoll where the native library loads, NIO otherwise.
 * The owner closes them; nothing else keeps them alive.
 */
public final class EventLoops implements AutoCloseable {
  private final EventLoopGroup group;
  private final boolean epoll;

  private EventLoops(int threads, boolean useEpoll) {
    this.epoll = useEpoll;
    IoHandlerFactory io = useEpoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.group = new MultiThreadIoEventLoopGroup(threads,
        new DefaultThreadFactory("libp2p-io", true), io);
  }

  /** {@code threads} 0 means Netty's default (twice the cores). */
  public static EventLoops create(int threads) {
    return new EventLoops(threads, Epoll.isAvailable());
  }

  /** NIO even where epoll is available. */
  public static EventLoops nio(int threads) {
    return new EventLoops(threads, false);
  }

  public EventLoopGroup group() {
    return group;
  }

  public boolean isEpoll() {
    return epoll;
  }

  public Class<? extends Channel> socketChannel() {
    return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  public Class<? extends ServerChannel> serverChannel() {
    return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /** Shuts the loops down without a quiet period; completes when the threads are gone. */
  public CompletableFuture<Void> shutdown() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).addListener(f -> done.complete(null));
    return done;
  }

  @Override
  public void close() {
    shutdown().join();
  }
}
