package ai.hanzo.libp2p.multistream;

import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamResetException;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.List;

/**
 * The dialer's per-stream negotiation. Attach the protocol's handler with {@link
 * MuxedStream#setHandler} when the future completes: listeners run on the stream's event loop
 * before any later data, and bytes that followed the negotiation go to the new handler first.
 */
public final class MultistreamClient {
  /** Bytes held between selection and the caller attaching its handler, at most. */
  static final int MAX_HELD_BYTES = 256 * 1024;

  private MultistreamClient() {}

  public static Future<String> select(MuxedStream stream, List<String> protocols) {
    return select(stream, protocols, MultistreamHandler.DEFAULT_TIMEOUT);
  }

  public static Future<String> select(
      MuxedStream stream, List<String> protocols, Duration timeout) {
    Promise<String> promise = stream.eventLoop().newPromise();
    stream.setHandler(new Selector(new DialerNegotiation(protocols), timeout, promise));
    return promise;
  }

  private static final class Selector extends StreamNegotiator {
    private final Promise<String> promise;
    private ByteBuf held;

    Selector(DialerNegotiation negotiation, Duration timeout, Promise<String> promise) {
      super(negotiation, timeout);
      this.promise = promise;
    }

    @Override
    void onSelected(MuxedStream stream, String protocol, ByteBuf remainder) {
      held = remainder;
      promise.trySuccess(protocol);
    }

    @Override
    void onDataAfterSelection(MuxedStream stream, ByteBuf data) {
      if (held == null || held.readableBytes() + data.readableBytes() > MAX_HELD_BYTES) {
        data.release();
        promise.tryFailure(new StreamResetException("no handler attached after negotiation"));
        stream.reset();
        return;
      }
      held.writeBytes(data);
      data.release();
    }

    @Override
    public ByteBuf detach(MuxedStream stream) {
      ByteBuf bytes = held;
      held = null;
      return bytes;
    }

    @Override
    void onFailed(MuxedStream stream, Throwable cause) {
      promise.tryFailure(cause);
    }

    @Override
    public void onClosed(MuxedStream stream) {
      super.onClosed(stream);
      if (held != null) {
        held.release();
        held = null;
      }
    }
  }
}
