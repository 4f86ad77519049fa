package ai.hanzo.libp2p.multistream;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs a {@link Negotiation} on a muxed stream; the subclass decides what happens once agreed. */
abstract class StreamNegotiator implements StreamHandler {
  private final Negotiation negotiation;
  private final Duration timeout;
  private NegotiationSession session;
  private ScheduledFuture<?> timeoutTask;
  private boolean finished;

  StreamNegotiator(Negotiation negotiation, Duration timeout) {
    this.negotiation = negotiation;
    this.timeout = timeout;
  }

  /** Agreed on {@code protocol}; {@code remainder} holds the bytes that followed. */
  abstract void onSelected(MuxedStream stream, String protocol, ByteBuf remainder);

  abstract void onFailed(MuxedStream stream, Throwable cause);

  /** Data that arrives after selection while this handler is still attached. */
  void onDataAfterSelection(MuxedStream stream, ByteBuf data) {
    data.release();
  }

  @Override
  public void onActive(MuxedStream stream) {
    session = new NegotiationSession(negotiation, stream.alloc());
    timeoutTask = stream.eventLoop().schedule(
        () -> fail(stream, new MultistreamException("no protocol agreed within " + timeout)),
        timeout.toNanos(), TimeUnit.NANOSECONDS);
    byte[] opening = session.start();
    if (opening.length > 0) {
      stream.write(Unpooled.wrappedBuffer(opening));
    }
  }

  @Override
  public void onData(MuxedStream stream, ByteBuf data) {
    if (finished) {
      onDataAfterSelection(stream, data);
      return;
    }
    String protocol;
    try {
      protocol = session.feed(data, reply -> stream.write(Unpooled.wrappedBuffer(reply)));
    } catch (MultistreamException e) {
      fail(stream, e);
      return;
    }
    if (protocol != null) {
      finished = true;
      timeoutTask.cancel(false);
      stream.attr(MuxedStream.PROTOCOL).set(protocol);
      onSelected(stream, protocol, session.takeRemainder());
    }
  }

  @Override
  public void onRemoteClose(MuxedStream stream) {
    if (!finished) {
      fail(stream, new MultistreamException("remote closed the stream during negotiation"));
    }
  }

  @Override
  public void onClosed(MuxedStream stream) {
    if (!finished) {
      finished = true;
      if (timeoutTask != null) {
        timeoutTask.cancel(false);
      }
      if (session != null) {
        session.release();
      }
      onFailed(stream, new MultistreamException("stream closed during negotiation"));
    }
  }

  private void fail(MuxedStream stream, MultistreamException cause) {
    if (finished) {
      return;
    }
    finished = true;
    timeoutTask.cancel(false);
    session.release();
    onFailed(stream, cause);
    stream.reset();
  }
}
