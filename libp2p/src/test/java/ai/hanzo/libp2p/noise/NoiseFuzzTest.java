package ai.hanzo.libp2p.noise;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.noise.HandshakeState.Role;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Untrusted bytes into every Noise decoder: they must yield data, a typed exception or a closed
 * channel, nothing else.
 */
class NoiseFuzzTest {
  private static final AeadCipherFactory CIPHERS = AeadCipherFactory.jdk();

  /** Genuine frames (maybe corrupted, maybe split anywhere) or raw bytes into the decoder. */
  @FuzzTest
  void transportFrameDecoder(FuzzedDataProvider data) throws Exception {
    HandshakeState.TransportCiphers[] pair = NoiseTransportCodecTest.handshake(CIPHERS, CIPHERS);
    ByteBuf wire;
    if (data.consumeBoolean()) {
      EmbeddedChannel sender = new EmbeddedChannel(new NoiseFrameEncoder(pair[0].send()));
      sender.writeOutbound(Unpooled.wrappedBuffer(data.consumeBytes(200_000)));
      wire = Unpooled.buffer();
      for (ByteBuf frame; (frame = sender.readOutbound()) != null; frame.release()) {
        wire.writeBytes(frame);
      }
      if (wire.isReadable() && data.consumeBoolean()) {
        int at = data.consumeInt(0, wire.readableBytes() - 1);
        wire.setByte(at, wire.getByte(at) ^ data.consumeInt(1, 255));
      }
    } else {
      wire = Unpooled.wrappedBuffer(data.consumeRemainingAsBytes());
    }
    EmbeddedChannel receiver = new EmbeddedChannel(new NoiseFrameDecoder(pair[1].receive()));
    try {
      while (wire.isReadable()) {
        int chunk = Math.min(wire.readableBytes(), data.consumeInt(1, 70_000));
        receiver.writeInbound(wire.readRetainedSlice(chunk));
      }
    } catch (NoiseTransportException expected) {
      assertThat(receiver.isOpen()).isFalse();
    } finally {
      wire.release();
      for (ByteBuf out; (out = receiver.readInbound()) != null; out.release()) {
        assertThat(out.readableBytes()).isBetween(1, NoiseFrameEncoder.MAX_PLAINTEXT);
      }
      receiver.finishAndReleaseAll();
    }
  }

  /** Arbitrary second handshake messages into an initiator's state machine. */
  @FuzzTest
  void handshakeMessageParser(byte[] input) throws Exception {
    HandshakeState initiator = new HandshakeState(Role.INITIATOR, X25519KeyPair.generate(), CIPHERS);
    initiator.writeMessage(new byte[0]);
    try {
      initiator.readMessage(input);
    } catch (NoiseHandshakeException expected) {
      assertThat(initiator.isComplete()).isFalse();
    }
  }

  /** Arbitrary handshake payloads (the libp2p protobuf) checked against a static key. */
  @FuzzTest
  void handshakePayloadParser(byte[] input) {
    try {
      HandshakePayload.verify(input, new byte[32]);
    } catch (NoiseHandshakeException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  /** Arbitrary bytes into a responder handler: it waits, or fails and closes, cleanly. */
  @FuzzTest
  void handshakeHandler(byte[] input) {
    NoiseHandshakeHandler responder =
        NoiseHandshakeHandler.responder(NoiseConfig.of(Ed25519PrivateKey.generate())
            .withCiphers(CIPHERS));
    EmbeddedChannel channel = new EmbeddedChannel(responder);
    try {
      channel.writeInbound(Unpooled.wrappedBuffer(input));
    } catch (Exception e) {
      assertThat(e).isInstanceOf(NoiseHandshakeException.class);
    }
    // Either still waiting with the channel open, or failed with the channel closed.
    assertThat(responder.result().isCompletedExceptionally()).isEqualTo(!channel.isOpen());
    assertThat(responder.result().isDone()).isEqualTo(!channel.isOpen());
    channel.finishAndReleaseAll();
  }
}
