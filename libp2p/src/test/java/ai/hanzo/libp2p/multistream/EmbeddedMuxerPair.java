package ai.hanzo.libp2p.multistream;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.yamux.YamuxConfig;
import ai.hanzo.libp2p.yamux.YamuxMuxer;
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
    EmbeddedWire.shuttle(dialerChannel, listenerChannel);
  }
}
