package ai.hanzo.libp2p.mux;

import io.netty.channel.Channel;
import java.util.function.Consumer;

/** Creates muxers for secured byte-stream channels. */
public interface StreamMuxerFactory {

  /** The protocol id negotiated for this muxer, e.g. {@code /yamux/1.0.0}. */
  String protocolId();

  /**
   * Installs the muxer at the end of {@code channel}'s pipeline. Call it on the channel's event
   * loop before more inbound bytes can arrive (in a channel initializer, or when {@code
   * ProtocolSelected} is fired), or frames that come first are lost.
   *
   * @param initiator true on the side that dialed the connection
   * @param acceptor gets each inbound stream; it should attach a handler, data is buffered until
   *     it does
   */
  StreamMuxer install(Channel channel, boolean initiator, Consumer<MuxedStream> acceptor);
}
