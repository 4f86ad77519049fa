package ai.hanzo.bench.libp2p;

import ai.hanzo.libp2p.transport.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The physical-limit yardstick: one Netty TCP connection on loopback, no security, no muxing.
 * The client writes {@code bytes} in 64 KiB buffers as fast as the channel stays writable; the
 * run ends when the server has counted them all.
 */
final class PlainTcpThroughput {
  private static final int CHUNK = 64 * 1024;

  private PlainTcpThroughput() {}

  /** Seconds to move {@code bytes} from client to server. */
  static double run(EventLoops loops, long bytes) throws Exception {
    CompletableFuture<Long> received = new CompletableFuture<>();
    Channel server = new ServerBootstrap().group(loops.group()).channel(loops.serverChannel())
        .childHandler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new Counter(bytes, received));
          }
        })
        .bind("127.0.0.1", 0).sync().channel();
    Channel client = new Bootstrap().group(loops.group()).channel(loops.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInboundHandlerAdapter())
        .connect((InetSocketAddress) server.localAddress()).sync().channel();
    long start = System.nanoTime();
    client.eventLoop().execute(() -> new Sender(client, bytes).pump());
    received.get(120, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    client.close().sync();
    server.close().sync();
    return seconds;
  }

  private static final class Sender {
    private final Channel channel;
    private long remaining;

    Sender(Channel channel, long bytes) {
      this.channel = channel;
      this.remaining = bytes;
      channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
          pump();
        }
      });
    }

    void pump() {
      while (remaining > 0 && channel.isWritable()) {
        int n = (int) Math.min(CHUNK, remaining);
        remaining -= n;
        channel.write(channel.alloc().buffer(n).writeZero(n));
      }
      channel.flush();
    }
  }

  private static final class Counter extends ChannelInboundHandlerAdapter {
    private final long expected;
    private final CompletableFuture<Long> done;
    private long count;

    Counter(long expected, CompletableFuture<Long> done) {
      this.expected = expected;
      this.done = done;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf data = (ByteBuf) msg;
      count += data.readableBytes();
      data.release();
      if (count >= expected) {
        done.complete(count);
      }
    }
  }
}
