package ai.hanzo.libp2p.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.crypto.Secp256k1PrivateKey;
import ai.hanzo.libp2p.peer.PeerId;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NoiseHandshakeHandlerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final NoiseConfig serverConfig = NoiseConfig.of(Ed25519PrivateKey.generate())
      .withCiphers(AeadCipherFactory.jdk());
  private final NoiseConfig clientConfig = NoiseConfig.of(Secp256k1PrivateKey.generate())
      .withEarlyMuxers(List.of("/yamux/1.0.0"));
  private final Recorder serverRecorder = new Recorder();
  private final Recorder clientRecorder = new Recorder();

  @Test
  void bothSidesLearnEachOtherAndExchangeLargeMessages() throws Exception {
    NoiseHandshakeHandler initiator = NoiseHandshakeHandler.initiator(clientConfig,
        Optional.of(PeerId.fromPublicKey(serverConfig.identity().publicKey())));
    try (LoopbackNoise net = new LoopbackNoise(
        () -> new ChannelHandler[] {NoiseHandshakeHandler.responder(serverConfig), serverRecorder},
        initiator, clientRecorder)) {
      SecureSession client = initiator.result().get(20, TimeUnit.SECONDS);
      await().atMost(WAIT).until(() -> serverRecorder.session.get() != null);
      SecureSession server = serverRecorder.session.get();
      assertThat(client.remotePeerId()).isEqualTo(server.localPeerId());
      assertThat(server.remotePeerId()).isEqualTo(client.localPeerId());
      assertThat(server.remotePublicKey()).isEqualTo(clientConfig.identity().publicKey());
      assertThat(server.remoteEarlyMuxers()).containsExactly("/yamux/1.0.0");
      assertThat(client.remoteEarlyMuxers()).isEmpty();
      assertThat(clientRecorder.session.get()).isEqualTo(client);

      byte[] big = randomBytes(200_000);
      byte[] small = randomBytes(10);
      net.client.writeAndFlush(Unpooled.wrappedBuffer(big));
      net.accepted.get().writeAndFlush(Unpooled.wrappedBuffer(small));
      net.accepted.get().writeAndFlush(Unpooled.wrappedBuffer(big));
      await().atMost(WAIT).until(() -> serverRecorder.receivedLength() == big.length);
      await().atMost(WAIT).until(() -> clientRecorder.receivedLength() == big.length + 10);
      assertThat(serverRecorder.received()).isEqualTo(big);
      assertThat(clientRecorder.received()).startsWith(small).endsWith(big);
      assertThat(net.client.pipeline().get(NoiseHandshakeHandler.class)).isNull();
      assertThat(net.client.pipeline().get(NoiseTransportCodec.class)).isNotNull();
    }
  }

  @Test
  void conscryptAndJdkSidesInteroperate() throws Exception {
    NoiseConfig conscrypt = clientConfig.withCiphers(AeadCipherFactory.conscrypt());
    NoiseHandshakeHandler initiator = NoiseHandshakeHandler.initiator(conscrypt, Optional.empty());
    try (LoopbackNoise net = new LoopbackNoise(
        () -> new ChannelHandler[] {NoiseHandshakeHandler.responder(serverConfig), serverRecorder},
        initiator, clientRecorder)) {
      initiator.result().get(20, TimeUnit.SECONDS);
      byte[] data = randomBytes(70_000);
      net.client.writeAndFlush(Unpooled.wrappedBuffer(data));
      await().atMost(WAIT).until(() -> serverRecorder.receivedLength() == data.length);
      assertThat(serverRecorder.received()).isEqualTo(data);
      net.accepted.get().writeAndFlush(Unpooled.wrappedBuffer(data));
      await().atMost(WAIT).until(() -> clientRecorder.receivedLength() == data.length);
      assertThat(clientRecorder.received()).isEqualTo(data);
    }
  }

  @Test
  void unexpectedPeerFailsTheInitiatorAndClosesBothChannels() throws Exception {
    PeerId someoneElse = PeerId.fromPublicKey(Ed25519PrivateKey.generate().publicKey());
    NoiseHandshakeHandler initiator =
        NoiseHandshakeHandler.initiator(clientConfig, Optional.of(someoneElse));
    NoiseHandshakeHandler responder = NoiseHandshakeHandler.responder(serverConfig);
    try (LoopbackNoise net = new LoopbackNoise(
        () -> new ChannelHandler[] {responder, serverRecorder}, initiator, clientRecorder)) {
      await().atMost(WAIT).until(() -> initiator.result().isDone());
      assertThat(initiator.result()).isCompletedExceptionally();
      assertThat(clientRecorder.error.get()).isInstanceOf(NoiseHandshakeException.class)
          .hasMessageContaining("expected " + someoneElse);
      await().atMost(WAIT).until(() -> !net.client.isOpen() && !net.accepted.get().isOpen());
      assertThat(responder.result()).isCompletedExceptionally();
      assertThat(serverRecorder.session.get()).isNull();
    }
  }

  @Test
  void stalledResponderTimesOut() throws Exception {
    NoiseHandshakeHandler initiator = NoiseHandshakeHandler.initiator(
        clientConfig.withHandshakeTimeout(Duration.ofMillis(300)), Optional.empty());
    try (LoopbackNoise net = new LoopbackNoise(
        () -> new ChannelHandler[] {new ChannelInboundHandlerAdapter()},
        initiator, clientRecorder)) {
      await().atMost(WAIT).until(() -> !net.client.isOpen());
      assertThat(clientRecorder.error.get()).isInstanceOf(NoiseHandshakeException.class)
          .hasMessageContaining("timed out");
      assertThat(initiator.result()).isCompletedExceptionally();
    }
  }

  @Test
  void garbageFromTheInitiatorFailsTheResponder() throws Exception {
    NoiseHandshakeHandler responder = NoiseHandshakeHandler.responder(serverConfig);
    try (LoopbackNoise net = new LoopbackNoise(
        () -> new ChannelHandler[] {responder, serverRecorder}, clientRecorder)) {
      net.client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0, 3, 1, 2, 3}));
      await().atMost(WAIT).until(() -> !net.client.isOpen());
      assertThat(serverRecorder.error.get()).isInstanceOf(NoiseHandshakeException.class)
          .hasMessageContaining("shorter");
    }
  }

  static byte[] randomBytes(int n) {
    byte[] out = new byte[n];
    new Random(n).nextBytes(out);
    return out;
  }
}
