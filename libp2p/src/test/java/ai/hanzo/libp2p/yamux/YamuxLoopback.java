package ai.hanzo.libp2p.yamux;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamMuxer;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A Yamux client and server over real loopback TCP on an ephemeral port. */
final class YamuxLoopback implements AutoCloseable {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final Channel serverChannel;
  final StreamMuxer client;
  final StreamMuxer server;
  final BlockingQueue<MuxedStream> clientAccepted = new LinkedBlockingQueue<>();

  YamuxLoopback(YamuxConfig config, Consumer<MuxedStream> serverAcceptor) throws Exception {
    YamuxMuxerFactory factory = new YamuxMuxerFactory(config);
    CompletableFuture<StreamMuxer> serverMuxer = new CompletableFuture<>();
    try {
      serverChannel = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              serverMuxer.complete(factory.install(ch, false, serverAcceptor));
            }
          })
          .bind("127.0.0.1", 0).sync().channel();
      CompletableFuture<StreamMuxer> clientMuxer = new CompletableFuture<>();
      // Installing in the initializer means no frame can arrive before the muxer is there.
      new Bootstrap()
          .group(group)
          .channel(NioSocketChannel.class)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              clientMuxer.complete(factory.install(ch, true, clientAccepted::add));
            }
          })
          .connect(serverChannel.localAddress()).sync();
      client = clientMuxer.get(5, TimeUnit.SECONDS);
      server = serverMuxer.get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  MuxedStream open() throws Exception {
    return client.openStream().get(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    client.close();
    serverChannel.close();
    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
