package ai.hanzo.libp2p.yamux;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamMuxer;
import ai.hanzo.libp2p.mux.StreamMuxerFactory;
import io.netty.channel.Channel;
import java.util.function.Consumer;

/** Installs {@link YamuxMuxer}s with one {@link YamuxConfig}. */
public final class YamuxMuxerFactory implements StreamMuxerFactory {
  public static final String PROTOCOL_ID = "/yamux/1.0.0";

  private final YamuxConfig config;

  public YamuxMuxerFactory(YamuxConfig config) {
    this.config = config;
  }

  @Override
  public String protocolId() {
    return PROTOCOL_ID;
  }

  @Override
  public StreamMuxer install(Channel channel, boolean initiator, Consumer<MuxedStream> acceptor) {
    YamuxMuxer muxer = new YamuxMuxer(channel, config, initiator, acceptor);
    channel.pipeline().addLast(muxer);
    return muxer;
  }
}
