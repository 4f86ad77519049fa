package ai.hanzo.libp2p.noise;

import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.noise.HandshakeState.Role;
import ai.hanzo.libp2p.peer.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the libp2p Noise XX handshake on a channel. On success it installs a
 * {@link NoiseTransportCodec} in its place, fires a {@link SecureSession} user event and removes
 * itself; bytes that arrived behind the last handshake message go on to the codec. On failure
 * (bad message, bad identity, unexpected peer, timeout) it fires a
 * {@link NoiseHandshakeException} and closes the channel. Add it once the channel is connected
 * or before; the initiator speaks first. Write nothing on the channel before the session event:
 * until then writes bypass encryption.
 */
public final class NoiseHandshakeHandler extends ByteToMessageDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(NoiseHandshakeHandler.class);
  private static final int LENGTH_PREFIX = 2;

  private final NoiseConfig config;
  private final Optional<PeerId> expectedPeer;
  private final HandshakeState state;
  private final byte[] localPayload;
  private final CompletableFuture<SecureSession> result = new CompletableFuture<>();
  private ScheduledFuture<?> timeout;
  private boolean started;

  private NoiseHandshakeHandler(NoiseConfig config, Role role, Optional<PeerId> expectedPeer) {
    this.config = config;
    this.expectedPeer = expectedPeer;
    X25519KeyPair staticKeys = X25519KeyPair.generate();
    this.state = new HandshakeState(role, staticKeys, config.ciphers());
    this.localPayload =
        HandshakePayload.build(config.identity(), staticKeys.publicKey(), config.earlyMuxers());
  }

  /** The dialing side; when {@code expectedPeer} is present any other remote identity fails. */
  public static NoiseHandshakeHandler initiator(NoiseConfig config, Optional<PeerId> expectedPeer) {
    return new NoiseHandshakeHandler(config, Role.INITIATOR, expectedPeer);
  }

  public static NoiseHandshakeHandler responder(NoiseConfig config) {
    return new NoiseHandshakeHandler(config, Role.RESPONDER, Optional.empty());
  }

  /** Completes with the session, or exceptionally with a {@link NoiseHandshakeException}. */
  public CompletableFuture<SecureSession> result() {
    return result;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    start(ctx);
    super.channelActive(ctx);
  }

  private void start(ChannelHandlerContext ctx) {
    if (started) {
      return;
    }
    started = true;
    timeout = ctx.executor().schedule(
        () -> fail(ctx, new NoiseHandshakeException("Noise handshake timed out after "
            + config.handshakeTimeout().toMillis() + " ms")),
        config.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    if (state.isMyTurnToWrite()) {
      send(ctx, new byte[0]);
    }
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (result.isDone()) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < LENGTH_PREFIX) {
      return;
    }
    int length = in.getUnsignedShort(in.readerIndex());
    if (in.readableBytes() < LENGTH_PREFIX + length) {
      return;
    }
    in.skipBytes(LENGTH_PREFIX);
    byte[] message = new byte[length];
    in.readBytes(message);
    try {
      onMessage(ctx, message);
    } catch (NoiseHandshakeException e) {
      in.skipBytes(in.readableBytes());
      fail(ctx, e);
    }
  }

  private void onMessage(ChannelHandlerContext ctx, byte[] message)
      throws NoiseHandshakeException {
    byte[] payload = state.readMessage(message);
    if (state.role() == Role.RESPONDER && !state.isComplete()) {
      send(ctx, localPayload);
      return;
    }
    HandshakePayload.Remote remote = HandshakePayload.verify(payload, state.remoteStaticKey());
    PeerId remotePeer = PeerId.fromPublicKey(remote.identity());
    if (expectedPeer.isPresent() && !expectedPeer.get().equals(remotePeer)) {
      throw new NoiseHandshakeException(
          "remote peer is " + remotePeer + ", expected " + expectedPeer.get());
    }
    if (state.role() == Role.INITIATOR) {
      send(ctx, localPayload);
    }
    succeed(ctx, remotePeer, remote.identity(), remote.earlyMuxers());
  }

  private void send(ChannelHandlerContext ctx, byte[] payload) {
    byte[] message;
    try {
      message = state.writeMessage(payload);
    } catch (NoiseHandshakeException e) {
      fail(ctx, e);
      return;
    }
    ByteBuf frame = ctx.alloc().buffer(LENGTH_PREFIX + message.length);
    frame.writeShort(message.length).writeBytes(message);
    ctx.writeAndFlush(frame);
  }

  private void succeed(ChannelHandlerContext ctx, PeerId remotePeer, PublicKey remoteKey,
      List<String> remoteMuxers) {
    cancelTimeout();
    SecureSession session = new SecureSession(
        PeerId.fromPublicKey(config.identity().publicKey()), remotePeer, remoteKey, remoteMuxers);
    ctx.pipeline().addAfter(ctx.name(), null, new NoiseTransportCodec(state.split()));
    LOG.debug("Noise session with {} on {}", remotePeer, ctx.channel());
    ctx.fireUserEventTriggered(session);
    result.complete(session);
    // Removal hands any bytes already read behind the handshake to the transport codec.
    ctx.pipeline().remove(this);
  }

  private void fail(ChannelHandlerContext ctx, NoiseHandshakeException cause) {
    if (!result.completeExceptionally(cause)) {
      return;
    }
    cancelTimeout();
    LOG.debug("Noise handshake failed on {}: {}", ctx.channel(), cause.getMessage());
    ctx.fireExceptionCaught(cause);
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    // The channel is gone: only the result learns why; there is no one to fire an error to.
    if (result.completeExceptionally(
        new NoiseHandshakeException("connection closed during the Noise handshake"))) {
      cancelTimeout();
    }
    super.channelInactive(ctx);
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    cancelTimeout();
  }

  private void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
    }
  }
}
