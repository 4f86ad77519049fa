package ai.hanzo.node.api;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The event loop that accepts a server's connections. Armeria stops its boss loops with Netty's default two-second
 * quiet period, which made every node stop take two seconds; a boss loop only accepts, and by then the server has
 * stopped accepting, so it stops at once.
 */
final class QuickStopBossGroup extends MultiThreadIoEventLoopGroup {
  QuickStopBossGroup(String threadName) {
    super(1, new DefaultThreadFactory(threadName, true), handlers());
  }

  private static IoHandlerFactory handlers() {
    return Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  @Override
  public Future<?> shutdownGracefully() {
    return shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }
}
