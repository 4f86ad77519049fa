package ai.hanzo.libp2p.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Connection-level multistream-select on a raw channel (security, then muxer selection). On
 * success it fires {@link ProtocolSelected}, completes {@link #selected()}, removes itself and
 * passes bytes that followed the negotiation to the next handler, which the event's receiver may
 * install. On failure or timeout the channel is closed.
 */
public final class MultistreamHandler extends ChannelInboundHandlerAdapter {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final Negotiation negotiation;
  private final Duration timeout;
  private final Promise<String> selected = ImmediateEventExecutor.INSTANCE.newPromise();
  private NegotiationSession session;
  private ScheduledFuture<?> timeoutTask;
  private boolean started;

  public MultistreamHandler(Negotiation negotiation, Duration timeout) {
    this.negotiation = negotiation;
    this.timeout = timeout;
  }

  /** Proposes {@code protocols} in order, with the default timeout. */
  public static MultistreamHandler dialer(List<String> protocols) {
    return dialer(protocols, DEFAULT_TIMEOUT);
  }

  /** Accepts any of {@code protocols}, with the default timeout. */
  public static MultistreamHandler listener(List<String> protocols) {
    return listener(protocols, DEFAULT_TIMEOUT);
  }

  /** Proposes {@code protocols} in order. */
  public static MultistreamHandler dialer(List<String> protocols, Duration timeout) {
    return new MultistreamHandler(new DialerNegotiation(protocols), timeout);
  }

  /** Accepts any of {@code protocols}. */
  public static MultistreamHandler listener(List<String> protocols, Duration timeout) {
    return new MultistreamHandler(
        new ListenerNegotiation(List.copyOf(protocols)::contains, protocols), timeout);
  }

  /** The agreed protocol; fails with a {@link MultistreamException} or the channel's error. */
  public Future<String> selected() {
    return selected;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    session = new NegotiationSession(negotiation, ctx.alloc());
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    start(ctx);
    ctx.fireChannelActive();
  }

  private void start(ChannelHandlerContext ctx) {
    if (started) {
      return;
    }
    started = true;
    timeoutTask = ctx.executor().schedule(
        () -> fail(ctx, new MultistreamException("no protocol agreed within " + timeout)),
        timeout.toNanos(), TimeUnit.NANOSECONDS);
    send(ctx, session.start());
  }

  private static void send(ChannelHandlerContext ctx, byte[] bytes) {
    if (bytes.length > 0) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf data) || selected.isDone()) {
      ReferenceCountUtil.release(msg);
      return;
    }
    String protocol;
    try {
      protocol = session.feed(data, bytes -> send(ctx, bytes));
    } catch (MultistreamException e) {
      fail(ctx, e);
      return;
    }
    if (protocol != null) {
      succeed(ctx, protocol);
    }
  }

  private void succeed(ChannelHandlerContext ctx, String protocol) {
    timeoutTask.cancel(false);
    ctx.fireUserEventTriggered(new ProtocolSelected(protocol));
    selected.trySuccess(protocol);
    ByteBuf remainder = session.takeRemainder();
    ctx.pipeline().remove(this);
    if (remainder.isReadable()) {
      ctx.fireChannelRead(remainder);
      ctx.fireChannelReadComplete();
    } else {
      remainder.release();
    }
  }

  private void fail(ChannelHandlerContext ctx, Throwable cause) {
    if (selected.tryFailure(cause)) {
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    selected.tryFailure(new MultistreamException("connection closed during negotiation"));
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(ctx, cause);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (timeoutTask != null) {
      timeoutTask.cancel(false);
    }
    if (!selected.isDone()) {
      selected.tryFailure(new MultistreamException("negotiation handler removed"));
    }
    if (!selected.isSuccess()) {
      session.release();
    }
  }
}
