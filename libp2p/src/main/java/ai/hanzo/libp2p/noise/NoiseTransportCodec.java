package ai.hanzo.libp2p.noise;

import io.netty.channel.CombinedChannelDuplexHandler;

/** The Noise transport of one channel: a {@link NoiseFrameDecoder} and a {@link NoiseFrameEncoder}. */
public final class NoiseTransportCodec
    extends CombinedChannelDuplexHandler<NoiseFrameDecoder, NoiseFrameEncoder> {
  public NoiseTransportCodec(HandshakeState.TransportCiphers ciphers) {
    super(new NoiseFrameDecoder(ciphers.receive()), new NoiseFrameEncoder(ciphers.send()));
  }
}
