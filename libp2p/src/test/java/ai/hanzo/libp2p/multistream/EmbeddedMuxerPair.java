package ai.hanzo.libp2p.multistream;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.yamux.YamuxConfig;
import ai.hanzo.libp2p.yamux.YamuxMuxer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.function.Consumer;

/** Two Yamux muxers on EmbeddedChannels; {@link #shuttle()} moves bytes until both are idle. */
final class EmbeddedMuxerPair {
  final EmbeddedChannel dialerChannel = new EmbeddedChannel();
  final EmbeddedChannel listenerChannel = new EmbeddedChannel();
  final YamuxMuxer dialer;
  final YamuxMuxer listener;

  EmbeddedMuxerPair(Consumer<MuxedStream> listenerAcceptor) {
    YamuxConfig config = YamuxConfig.defaults().withKeepAliveInterval(Duration.ZERO);
    dialer = new YamuxMuxer(dialerChannel, config, true, s -> s.reset());
    listener = new YamuxMuxer(listenerChannel, config, false, listenerAcceptor);
    dialerChannel.pipeline().addLast(dialer);
    listenerChannel.pipeline().addLast(listener);
  }

  MuxedStream open() {
    MuxedStream stream = dialer.openStream().getNow();
    shuttle();
    return stream;
  }

  void shuttle() {
    boolean moved = true;
    while (moved) {
      dialerChannel.runPendingTasks();
      listenerChannel.runPendingTasks();
      moved = move(dialerChannel, listenerChannel) | move(listenerChannel, dialerChannel);
    }
  }

  private static boolean move(EmbeddedChannel from, EmbeddedChannel to) {
    boolean moved = false;
    ByteBuf out;
    while ((out = from.readOutbound()) != null) {
      to.writeInbound(out);
      moved = true;
    }
    return moved;
  }
}
