package ai.hanzo.libp2p.yamux;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.MuxerClosedException;
import ai.hanzo.libp2p.mux.StreamLimitExceededException;
import ai.hanzo.libp2p.mux.StreamMuxer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Yamux connection as the last handler of a secured byte-stream pipeline. The side that dialed
 * ({@code initiator}) numbers its streams odd, the other side even.
 */
public final class YamuxMuxer extends ByteToMessageDecoder
    implements StreamMuxer, FrameDecoder.Sink {
  private static final Logger LOG = LoggerFactory.getLogger(YamuxMuxer.class);

  private final Channel channel;
  private final YamuxConfig config;
  private final Consumer<MuxedStream> acceptor;
  private final FrameDecoder decoder;
  private final StreamTable streams;
  private final PingTracker pings = new PingTracker();
  private final Promise<Void> closed;

  private ChannelHandlerContext ctx;
  private long bufferedBytes;
  private boolean localGoAway;
  private boolean remoteGoAway;
  private volatile boolean closing;
  private boolean flushScheduled;
  private final KeepAlive keepAlive;

  public YamuxMuxer(
      Channel channel, YamuxConfig config, boolean initiator, Consumer<MuxedStream> acceptor) {
    this.channel = channel;
    this.config = config;
    this.acceptor = acceptor;
    this.decoder = new FrameDecoder(config.maxFrameLength());
    this.streams = new StreamTable(initiator);
    this.keepAlive = new KeepAlive(channel.eventLoop(), config.keepAliveInterval(), pings,
        () -> sendPing(channel.eventLoop().newPromise()),
        () -> {
          if (!closing) {
            failConnection(new YamuxProtocolException(GoAwayCode.INTERNAL_ERROR,
                "keep-alive ping unanswered for " + config.keepAliveInterval()));
          }
        });
    this.closed = channel.eventLoop().newPromise();
  }

  // ---- StreamMuxer ----

  @Override
  public Future<MuxedStream> openStream() {
    Promise<MuxedStream> promise = channel.eventLoop().newPromise();
    onLoop(() -> {
      if (closing || ctx == null || !channel.isActive()) {
        promise.setFailure(new MuxerClosedException("connection is closed"));
      } else if (localGoAway || remoteGoAway) {
        promise.setFailure(new MuxerClosedException(
            (remoteGoAway ? "remote" : "this side") + " sent go-away: no new streams"));
      } else if (streams.outbound() >= config.maxOutboundStreams()) {
        promise.setFailure(new StreamLimitExceededException(
            "already " + streams.outbound() + " outbound streams open, the limit"));
      } else {
        long id = streams.takeOutboundId();
        if (id < 0) {
          promise.setFailure(new MuxerClosedException("stream ids of this connection are used up"));
          return;
        }
        YamuxStream stream = new YamuxStream(this, channel, id, true, config);
        streams.add(stream);
        writeFrame(
            new FrameHeader(FrameHeader.TYPE_WINDOW_UPDATE, FrameHeader.FLAG_SYN, stream.id(), 0),
            null, channel.voidPromise());
        promise.setSuccess(stream);
      }
    });
    return promise;
  }

  @Override
  public Future<Duration> ping() {
    Promise<Duration> promise = channel.eventLoop().newPromise();
    onLoop(() -> sendPing(promise));
    return promise;
  }

  private long sendPing(Promise<Duration> promise) {
    if (closing || ctx == null) {
      promise.setFailure(new MuxerClosedException("connection is closed"));
      return -1;
    }
    long opaque = pings.start(promise, System.nanoTime());
    writeFrame(new FrameHeader(FrameHeader.TYPE_PING, FrameHeader.FLAG_SYN, 0, opaque), null,
        channel.voidPromise());
    return opaque;
  }

  @Override
  public void goAway(int code) {
    onLoop(() -> {
      if (!localGoAway && !closing && ctx != null) {
        localGoAway = true;
        writeFrame(new FrameHeader(FrameHeader.TYPE_GO_AWAY, 0, 0, code), null,
            channel.voidPromise());
      }
    });
  }

  @Override
  public Future<Void> close() {
    onLoop(() -> {
      goAway(GoAwayCode.NORMAL);
      closing = true;
      if (ctx != null) {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      } else {
        channel.close();
      }
    });
    return closed;
  }

  @Override
  public boolean isClosed() {
    return closing || !channel.isActive();
  }

  /** Completes once the connection is closed and every stream has seen {@code onClosed}. */
  @Override
  public Future<Void> closeFuture() {
    return closed;
  }

  /** Streams currently open (for tests and metrics). */
  public int openStreams() {
    return streams.size();
  }

  // ---- Netty ----

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
    this.ctx = ctx;
    super.handlerAdded(ctx);
    if (channel.isActive()) {
      keepAlive.start();
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    keepAlive.start();
    super.channelActive(ctx);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (closing) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      decoder.decode(in, this);
    } catch (YamuxProtocolException e) {
      in.skipBytes(in.readableBytes());
      failConnection(e);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    super.channelReadComplete(ctx);
    ctx.flush();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (ctx.channel().isWritable()) {
      for (YamuxStream stream : streams.snapshot()) {
        stream.flushUnsent();
      }
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    closing = true;
    keepAlive.stop();
    pings.failAll(new MuxerClosedException("connection closed"));
    terminateAll("connection closed");
    closed.trySuccess(null);
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("closing yamux connection {} after an error", channel, cause);
    closing = true;
    ctx.close();
  }

  // ---- frames from the remote ----

  @Override
  public void onDataHeader(FrameHeader header) throws YamuxProtocolException {
    YamuxStream stream = streamFor(header);
    if (stream != null && header.length() > stream.receiveWindowRemaining()) {
      throw new YamuxProtocolException("data frame of " + header.length()
          + " bytes exceeds the receive window of " + stream.receiveWindowRemaining()
          + " on stream " + header.streamId());
    }
  }

  @Override
  public void onData(FrameHeader header, ByteBuf payload) throws YamuxProtocolException {
    YamuxStream stream = streams.get(header.streamId());
    if (stream == null || closing) {
      payload.release();
      return;
    }
    if (bufferedBytes + payload.readableBytes() > config.maxConnectionBufferedBytes()) {
      payload.release();
      LOG.debug("resetting {}: connection buffers {} inbound bytes, the limit", stream,
          bufferedBytes);
      stream.reset();
      return;
    }
    stream.onData(payload);
    applyFlags(stream, header);
  }

  @Override
  public void onControl(FrameHeader header) throws YamuxProtocolException {
    switch (header.type()) {
      case FrameHeader.TYPE_WINDOW_UPDATE -> {
        YamuxStream stream = streamFor(header);
        if (stream != null) {
          stream.onWindowUpdate(header.length());
          applyFlags(stream, header);
        }
      }
      case FrameHeader.TYPE_PING -> onPing(header);
      default -> onGoAway(header.length());
    }
  }

  /** The stream a frame belongs to, opening it first for a SYN; null for unknown streams. */
  private YamuxStream streamFor(FrameHeader header) throws YamuxProtocolException {
    if (closing) {
      return null;
    }
    if (header.has(FrameHeader.FLAG_SYN)) {
      return acceptStream(header.streamId());
    }
    return streams.get(header.streamId());
  }

  private YamuxStream acceptStream(long id) throws YamuxProtocolException {
    if (!streams.isRemoteId(id)) {
      throw new YamuxProtocolException("SYN for stream " + id
          + " has this side's id parity (both endpoints think they dialed)");
    }
    if (streams.contains(id)) {
      throw new YamuxProtocolException("SYN for stream " + id + " which is already open");
    }
    if (localGoAway || streams.inbound() >= config.maxInboundStreams()) {
      LOG.debug("refusing inbound stream {}: {}", id,
          localGoAway ? "go-away sent" : "stream limit reached");
      writeFrame(new FrameHeader(FrameHeader.TYPE_WINDOW_UPDATE, FrameHeader.FLAG_RST, id, 0),
          null, channel.voidPromise());
      return null;
    }
    YamuxStream stream = new YamuxStream(this, channel, id, false, config);
    streams.add(stream);
    writeFrame(new FrameHeader(FrameHeader.TYPE_WINDOW_UPDATE, FrameHeader.FLAG_ACK, id, 0),
        null, channel.voidPromise());
    try {
      acceptor.accept(stream);
    } catch (RuntimeException e) {
      LOG.warn("stream acceptor failed; resetting {}", stream, e);
      stream.reset();
    }
    return stream;
  }

  private static void applyFlags(YamuxStream stream, FrameHeader header) {
    if (header.has(FrameHeader.FLAG_RST)) {
      stream.terminate("stream " + stream.id() + " was reset by the remote");
    } else if (header.has(FrameHeader.FLAG_FIN)) {
      stream.onRemoteFin();
    }
  }

  private void onPing(FrameHeader header) throws YamuxProtocolException {
    if (header.has(FrameHeader.FLAG_ACK)) {
      pings.acknowledged(header.length(), System.nanoTime());
    } else if (header.has(FrameHeader.FLAG_SYN)) {
      writeFrame(new FrameHeader(FrameHeader.TYPE_PING, FrameHeader.FLAG_ACK, 0, header.length()),
          null, channel.voidPromise());
    }
  }

  private void onGoAway(long code) {
    remoteGoAway = true;
    if (code != GoAwayCode.NORMAL) {
      LOG.debug("remote {} sent go-away {}; resetting all streams", channel, code);
      terminateAll("remote sent go-away with code " + code);
    }
  }

  // ---- for streams ----

  void writeFrame(FrameHeader header, ByteBuf payload, ChannelPromise promise) {
    if (ctx == null || closing && header.type() != FrameHeader.TYPE_GO_AWAY) {
      if (payload != null) {
        payload.release();
      }
      if (!promise.isVoid()) {
        promise.tryFailure(new MuxerClosedException("connection is closed"));
      }
      return;
    }
    ByteBuf frame = ctx.alloc().buffer(FrameHeader.LENGTH);
    FrameCodec.writeHeader(header, frame);
    ctx.write(payload == null ? frame : Unpooled.wrappedBuffer(frame, payload), promise);
    if (!flushScheduled) {
      flushScheduled = true;
      // Flushing once per event-loop task batch coalesces many small frames into one syscall.
      ctx.executor().execute(() -> {
        flushScheduled = false;
        ctx.flush();
      });
    }
  }

  boolean connectionWritable() {
    return channel.isWritable();
  }

  void buffered(long delta) {
    bufferedBytes += delta;
  }

  long rttNanos() {
    return pings.lastRttNanos();
  }

  void streamClosed(YamuxStream stream) {
    streams.remove(stream);
  }

  // ---- connection lifecycle ----

  private void failConnection(YamuxProtocolException e) {
    LOG.debug("yamux protocol error on {}: {}", channel, e.getMessage());
    closing = true;
    ByteBuf frame = ctx.alloc().buffer(FrameHeader.LENGTH);
    FrameCodec.writeHeader(
        new FrameHeader(FrameHeader.TYPE_GO_AWAY, 0, 0, e.goAwayCode()), frame);
    ctx.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
    terminateAll("yamux protocol error: " + e.getMessage());
  }

  private void terminateAll(String reason) {
    for (YamuxStream stream : streams.snapshot()) {
      stream.terminate(reason);
    }
  }

  private void onLoop(Runnable task) {
    runOn(channel, task);
  }

  /** Runs {@code task} now when on {@code channel}'s event loop, else queues it there. */
  static void runOn(Channel channel, Runnable task) {
    if (channel.eventLoop().inEventLoop()) {
      task.run();
    } else {
      channel.eventLoop().execute(task);
    }
  }
}
