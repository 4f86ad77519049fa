package ai.hanzo.libp2p.transport;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multistream.ProtocolSelected;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamMuxer;
import ai.hanzo.libp2p.noise.SecureSession;
import ai.hanzo.libp2p.peer.PeerId;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Sits behind the upgrade's current step and installs the next one when the step's event
 * arrives; removes itself once the muxer is in place.
 */
final class UpgradeHandler extends ChannelInboundHandlerAdapter {
  private final Upgrader upgrader;
  private final Direction direction;
  private final Optional<PeerId> expectedPeer;
  private final BiConsumer<Connection, MuxedStream> inbound;
  private final CompletableFuture<Connection> result;
  private String step = "security negotiation";
  private SecureSession session;
  private Throwable failure;
  private ScheduledFuture<?> timeout;

  UpgradeHandler(Upgrader upgrader, Direction direction, Optional<PeerId> expectedPeer,
      BiConsumer<Connection, MuxedStream> inbound, CompletableFuture<Connection> result) {
    this.upgrader = upgrader;
    this.direction = direction;
    this.expectedPeer = expectedPeer;
    this.inbound = inbound;
    this.result = result;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    long nanos = upgrader.config().upgradeTimeout().toNanos();
    timeout = ctx.executor().schedule(() -> fail(ctx, new TransportException(
        "connection upgrade did not finish within " + upgrader.config().upgradeTimeout()
            + " (stuck in " + step + ")")), nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ProtocolSelected selected && session == null) {
      step = "Noise handshake";
      ctx.pipeline().addBefore(ctx.name(), null, upgrader.noiseHandler(direction, expectedPeer));
    } else if (evt instanceof SecureSession secured) {
      session = secured;
      step = "muxer negotiation";
      ctx.pipeline().addBefore(ctx.name(), null, upgrader.muxerNegotiation(direction));
    } else if (evt instanceof ProtocolSelected) {
      installMuxer(ctx);
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  private void installMuxer(ChannelHandlerContext ctx) {
    timeout.cancel(false);
    CompletableFuture<Connection> holder = new CompletableFuture<>();
    StreamMuxer muxer = upgrader.config().muxer().install(
        ctx.channel(), direction == Direction.OUTBOUND, stream -> holder.thenAccept(c -> {
          c.track(stream);
          inbound.accept(c, stream);
        }));
    ConnectionInfo info = new ConnectionInfo(session.localPeerId(), session.remotePeerId(),
        session.remotePublicKey(), address(ctx.channel().localAddress()),
        address(ctx.channel().remoteAddress()), direction);
    Connection connection = new MuxedConnection(ctx.channel(), muxer, info,
        upgrader.config().streamNegotiationTimeout());
    ctx.channel().attr(Connection.ATTRIBUTE).set(connection);
    // Yamux grows receive windows only once it knows the round-trip time; without this first
    // ping every stream stays at the 256 KiB initial window until the first keep-alive.
    muxer.ping();
    // Completes before any inbound stream can be delivered: both happen on this event loop.
    holder.complete(connection);
    ctx.pipeline().remove(this);
    result.complete(connection);
  }

  private static Multiaddr address(SocketAddress socket) {
    return Multiaddr.fromTcpAddress((InetSocketAddress) socket);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(ctx, cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    String why = failure == null ? "" : ": " + failure.getMessage();
    result.completeExceptionally(new TransportException(
        "connection closed during " + step + why, failure));
    timeout.cancel(false);
    ctx.fireChannelInactive();
  }

  private void fail(ChannelHandlerContext ctx, Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
    if (result.completeExceptionally(
        new TransportException("connection upgrade failed in " + step + ": "
            + cause.getMessage(), cause))) {
      timeout.cancel(false);
      ctx.close();
    }
  }
}
