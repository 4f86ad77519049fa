package ai.hanzo.libp2p.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.noise.HandshakeState.Role;
import ai.hanzo.libp2p.noise.HandshakeState.TransportCiphers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NoiseTransportCodecTest {
  @Test
  void largeWritesAreSplitIntoMaximalFramesAndReassemble() throws Exception {
    TransportCiphers[] pair = handshake(AeadCipherFactory.jdk(), AeadCipherFactory.jdk());
    EmbeddedChannel a = new EmbeddedChannel(new NoiseTransportCodec(pair[0]));
    EmbeddedChannel b = new EmbeddedChannel(new NoiseTransportCodec(pair[1]));
    byte[] data = NoiseHandshakeHandlerTest.randomBytes(2 * NoiseFrameEncoder.MAX_PLAINTEXT + 5);
    a.writeOutbound(Unpooled.wrappedBuffer(data));
    ByteBuf wire = a.readOutbound();
    assertThat(wire.getUnsignedShort(0)).isEqualTo(65535);
    assertThat(wire.getUnsignedShort(65537)).isEqualTo(65535);
    assertThat(wire.getUnsignedShort(2 * 65537)).isEqualTo(5 + 16);
    assertThat(wire.readableBytes()).isEqualTo(data.length + 3 * 18);
    b.writeInbound(wire);
    ByteBuf joined = Unpooled.buffer();
    for (ByteBuf part; (part = b.readInbound()) != null; part.release()) {
      assertThat(part.readableBytes()).isLessThanOrEqualTo(NoiseFrameEncoder.MAX_PLAINTEXT);
      joined.writeBytes(part);
    }
    assertThat(io.netty.buffer.ByteBufUtil.getBytes(joined)).isEqualTo(data);
  }

  @Test
  void compositeWritesSpanningFramesRoundTrip() throws Exception {
    TransportCiphers[] pair = handshake(AeadCipherFactory.preferConscrypt(), AeadCipherFactory.jdk());
    EmbeddedChannel a = new EmbeddedChannel(new NoiseTransportCodec(pair[0]));
    EmbeddedChannel b = new EmbeddedChannel(new NoiseTransportCodec(pair[1]));
    byte[] header = NoiseHandshakeHandlerTest.randomBytes(12);
    byte[] payload = NoiseHandshakeHandlerTest.randomBytes(NoiseFrameEncoder.MAX_PLAINTEXT + 100);
    a.writeOutbound(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(header),
        Unpooled.directBuffer().writeBytes(payload)));
    b.writeInbound((ByteBuf) a.readOutbound());
    ByteBuf joined = Unpooled.buffer();
    for (ByteBuf part; (part = b.readInbound()) != null; part.release()) {
      joined.writeBytes(part);
    }
    byte[] expected = new byte[header.length + payload.length];
    System.arraycopy(header, 0, expected, 0, header.length);
    System.arraycopy(payload, 0, expected, header.length, payload.length);
    assertThat(io.netty.buffer.ByteBufUtil.getBytes(joined)).isEqualTo(expected);
  }

  @Test
  void framesSplitAcrossReadsAtRandomPointsReassemble() throws Exception {
    long seed = 0x5EED_6006L;
    Random random = new Random(seed);
    TransportCiphers[] pair =
        handshake(AeadCipherFactory.preferConscrypt(), AeadCipherFactory.preferConscrypt());
    EmbeddedChannel a = new EmbeddedChannel(new NoiseTransportCodec(pair[0]));
    EmbeddedChannel b = new EmbeddedChannel(new NoiseTransportCodec(pair[1]));
    for (int round = 0; round < 50; round++) {
      byte[] data = NoiseHandshakeHandlerTest.randomBytes(
          1 + random.nextInt(3 * NoiseFrameEncoder.MAX_PLAINTEXT));
      a.writeOutbound(Unpooled.wrappedBuffer(data));
      ByteBuf wire = a.readOutbound();
      while (wire.isReadable()) {
        // Pieces of 1 byte to 100 KiB, direct and heap, so frames straddle two or more reads.
        int n = Math.min(wire.readableBytes(),
            1 + random.nextInt(random.nextBoolean() ? 16 : 100_000));
        ByteBuf piece = random.nextBoolean() ? Unpooled.directBuffer(n) : Unpooled.buffer(n);
        b.writeInbound(piece.writeBytes(wire, n));
      }
      wire.release();
      ByteBuf joined = Unpooled.buffer();
      for (ByteBuf part; (part = b.readInbound()) != null; part.release()) {
        joined.writeBytes(part);
      }
      assertThat(io.netty.buffer.ByteBufUtil.getBytes(joined))
          .as("round %d of seed %d", round, seed).isEqualTo(data);
      joined.release();
    }
  }

  @Test
  void tamperedFrameClosesTheChannelWithAClearError() throws Exception {
    TransportCiphers[] pair = handshake(AeadCipherFactory.jdk(), AeadCipherFactory.preferConscrypt());
    EmbeddedChannel a = new EmbeddedChannel(new NoiseTransportCodec(pair[0]));
    EmbeddedChannel b = new EmbeddedChannel(new NoiseTransportCodec(pair[1]));
    a.writeOutbound(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
    ByteBuf wire = a.readOutbound();
    wire.setByte(4, wire.getByte(4) ^ 0x40);
    assertThatThrownBy(() -> b.writeInbound(wire))
        .isInstanceOf(NoiseTransportException.class).hasMessageContaining("failed to decrypt");
    assertThat(b.isOpen()).isFalse();
  }

  @Test
  void conscryptEncryptsWhatTheJdkDecryptsAndBack() throws Exception {
    TransportCiphers[] pair = handshake(AeadCipherFactory.conscrypt(), AeadCipherFactory.jdk());
    for (int round = 0; round < 3; round++) {
      roundTrip(pair[0].send(), pair[1].receive(), 1000 + round);
      roundTrip(pair[1].send(), pair[0].receive(), 65519 - round);
    }
  }

  private static void roundTrip(CipherState send, CipherState receive, int size) throws Exception {
    byte[] plain = NoiseHandshakeHandlerTest.randomBytes(size);
    ByteBuffer sealed = ByteBuffer.allocateDirect(size + 16);
    send.encrypt(ByteBuffer.wrap(plain), sealed);
    sealed.flip();
    ByteBuffer opened = ByteBuffer.allocate(size);
    receive.decrypt(sealed, opened);
    assertThat(opened.array()).isEqualTo(plain);
  }

  /** Runs a handshake between two state machines; returns {initiator, responder} ciphers. */
  static TransportCiphers[] handshake(AeadCipherFactory initiatorCiphers,
      AeadCipherFactory responderCiphers) throws NoiseHandshakeException {
    HandshakeState i = new HandshakeState(Role.INITIATOR, X25519KeyPair.generate(), initiatorCiphers);
    HandshakeState r = new HandshakeState(Role.RESPONDER, X25519KeyPair.generate(), responderCiphers);
    r.readMessage(i.writeMessage(new byte[0]));
    i.readMessage(r.writeMessage(new byte[0]));
    r.readMessage(i.writeMessage(new byte[0]));
    return new TransportCiphers[] {i.split(), r.split()};
  }
}
