package ai.hanzo.libp2p.multistream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.mux.StreamMuxer;
import ai.hanzo.libp2p.yamux.EchoHandler;
import ai.hanzo.libp2p.yamux.YamuxConfig;
import ai.hanzo.libp2p.yamux.YamuxMuxerFactory;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The upgrade path on real TCP: multistream-select picks {@code /yamux/1.0.0} on the raw
 * connection, Yamux takes over (with any bytes that came early), and each stream negotiates its
 * protocol with multistream-select again.
 */
class MultistreamOverYamuxIT {
  private static final String ECHO = "/echo/1.0.0";
  private static final YamuxMuxerFactory YAMUX = new YamuxMuxerFactory(
      YamuxConfig.defaults().withKeepAliveInterval(Duration.ofSeconds(30)));

  /** Installs the muxer when connection-level negotiation picked it. */
  private static final class MuxerInstaller extends ChannelInboundHandlerAdapter {
    private final boolean initiator;
    private final Consumer<MuxedStream> acceptor;
    private final CompletableFuture<StreamMuxer> muxer;

    MuxerInstaller(boolean initiator, Consumer<MuxedStream> acceptor,
        CompletableFuture<StreamMuxer> muxer) {
      this.initiator = initiator;
      this.acceptor = acceptor;
      this.muxer = muxer;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof ProtocolSelected selected
          && selected.protocol().equals(YAMUX.protocolId())) {
        muxer.complete(YAMUX.install(ctx.channel(), initiator, acceptor));
      }
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Test
  void negotiatesYamuxThenAnEchoStream() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    try {
      Consumer<MuxedStream> serve = stream -> stream.setHandler(new MultistreamListener(
          p -> p.equals(ECHO) ? Optional.of(new EchoHandler()) : Optional.empty(), List.of(ECHO)));
      CompletableFuture<StreamMuxer> serverMuxer = new CompletableFuture<>();
      Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(
                  MultistreamHandler.listener(List.of(YAMUX.protocolId()),
                      MultistreamHandler.DEFAULT_TIMEOUT),
                  new MuxerInstaller(false, serve, serverMuxer));
            }
          })
          .bind("127.0.0.1", 0).sync().channel();
      CompletableFuture<StreamMuxer> clientMuxer = new CompletableFuture<>();
      MultistreamHandler dialer = MultistreamHandler.dialer(
          List.of("/mplex/6.7.0", YAMUX.protocolId()), MultistreamHandler.DEFAULT_TIMEOUT);
      new Bootstrap().group(group).channel(NioSocketChannel.class)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(dialer, new MuxerInstaller(true, MuxedStream::reset,
                  clientMuxer));
            }
          })
          .connect(server.localAddress()).sync();

      assertThat(dialer.selected().get(5, TimeUnit.SECONDS)).isEqualTo(YAMUX.protocolId());
      StreamMuxer muxer = clientMuxer.get(5, TimeUnit.SECONDS);
      MuxedStream stream = muxer.openStream().get(5, TimeUnit.SECONDS);
      StringBuilder echoed = new StringBuilder();
      CompletableFuture<String> done = new CompletableFuture<>();
      MultistreamClient.select(stream, List.of(ECHO)).addListener(f -> {
        stream.setHandler(new StreamHandler() {
          @Override
          public void onData(MuxedStream s, ByteBuf data) {
            echoed.append(data.toString(StandardCharsets.UTF_8));
            data.release();
          }

          @Override
          public void onRemoteClose(MuxedStream s) {
            done.complete(echoed.toString());
          }
        });
        stream.write(Unpooled.copiedBuffer("over yamux", StandardCharsets.UTF_8));
        stream.closeWrite();
      });

      assertThat(done.get(5, TimeUnit.SECONDS)).isEqualTo("over yamux");
      assertThat(stream.attr(MuxedStream.PROTOCOL).get()).isEqualTo(ECHO);
      assertThat(muxer.ping().get(5, TimeUnit.SECONDS)).isPositive();
      await().atMost(Duration.ofSeconds(5)).until(() -> serverMuxer.isDone());
      muxer.close().get(5, TimeUnit.SECONDS);
      serverMuxer.get().closeFuture().get(5, TimeUnit.SECONDS);
      server.close().sync();
    } finally {
      group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
