package ai.hanzo.node.p2p.protocol;

import ai.hanzo.libp2p.multiformats.VarintFrames;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.transport.Connection;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving end of one stream that stays open both ways for a session's life (an exec: stdin in, output out),
 * unlike {@link InboundRequest}'s one request. The first length-prefixed frame is the session's start, every later
 * one an input; the caller's half-close is the end of its input. Reads are pulled, never pushed: auto-read is off
 * and after a delivery that handed anything over, nothing more is read until the subclass calls {@link #readOn()}
 * (once it consumed those inputs), so a session whose consumer is slow (a command that does not read its stdin)
 * keeps at most the Yamux window and one delivery here, and the caller's writes stop. Writes go out only while the
 * stream has room ({@link #canWrite()}), and a stream that stays unwritable past the stall time is reset (the caller
 * stopped reading). Frames beyond the size limit and frames that do not decode are refused in one last frame.
 *
 * @param <S> the decoded start
 * @param <I> a decoded input
 */
public abstract class InboundSession<S, I> implements StreamHandler {
  private static final Logger log = LoggerFactory.getLogger(InboundSession.class);

  private final VarintFrames frames;
  private final String notFramed;
  private final String malformed;
  private final StallGuard guard;
  private volatile MuxedStream stream;
  private volatile String peer = "";
  private boolean started;
  private boolean refused;

  /**
   * @param maxMessage the largest frame accepted
   * @param stall how long the stream may stay unwritable before it is reset
   * @param notFramed the refusal's prefix for bytes that are no frame (e.g. {@code "not an exec session: "})
   * @param malformed the refusal's prefix for a frame that does not decode (e.g. {@code "malformed exec input: "})
   */
  protected InboundSession(int maxMessage, Duration stall, String notFramed, String malformed) {
    this.frames = new VarintFrames(maxMessage);
    this.notFramed = notFramed;
    this.malformed = malformed;
    this.guard = new StallGuard(stall, () -> "Peer " + peer + " read none of its session's output");
  }

  protected abstract S decodeStart(byte[] message) throws MalformedPayloadException;

  protected abstract I decodeInput(byte[] message) throws MalformedPayloadException;

  /**
   * What one delivery carried, on the event loop: the start (only in the first delivery that has one, else null)
   * and the inputs after it, in order. Reading pauses until {@link #readOn()}: hand slow work to an executor and
   * call it when done.
   */
  protected abstract void received(S start, List<I> inputs);

  /** The caller half-closed: no more input (after every input was handed over). */
  protected abstract void inputEnded();

  /** Answers with a refusal as the last frame (the framing or a frame was bad, or the session was not admitted). */
  protected abstract void refuse(ErrorCode code, String message);

  /** The stream ended (closed both ways, or reset by either side); frees what the session held. */
  protected void ended() {}

  /** The remote's PeerId, from the Noise-authenticated connection, never from a message. */
  protected final String peer() {
    return peer;
  }

  protected final MuxedStream stream() {
    return stream;
  }

  /** Reads the next delivery (any thread). */
  protected final void readOn() {
    MuxedStream s = stream;
    if (s != null && !s.isClosed()) {
      s.read();
    }
  }

  /** Whether a frame may be written now; when not, {@link #onWritable} runs once it may (or the stream is reset). */
  protected final boolean canWrite() {
    return guard.isReady(stream);
  }

  /** What runs each time the stream is writable again; the last one given wins. */
  protected final void onWritable(Runnable callback) {
    guard.onReady(callback);
  }

  /** Writes one frame (any thread); check {@link #canWrite()} first to bound what waits unsent. */
  protected final void send(byte[] message) {
    MuxedStream s = stream;
    s.write(LengthPrefixed.frame(s.alloc(), message));
  }

  /** Writes the last frame and half-closes. */
  protected final void sendLast(byte[] message) {
    send(message);
    stream.closeWrite();
  }

  /** Half-closes without a last frame. */
  protected final void finish() {
    stream.closeWrite();
  }

  @Override
  public final void onActive(MuxedStream s) {
    stream = s;
    Connection connection = s.parent().attr(Connection.ATTRIBUTE).get();
    peer = connection == null ? "" : connection.remotePeer().toString();
    s.setAutoRead(false);
    // Not read here: the first frame may have come with the protocol's negotiation and is handed over right after
    // this, and a read now would deliver the caller's half-close before it. Asked for once that is done.
    s.eventLoop().execute(() -> {
      if (!started && !refused && !s.isClosed()) {
        s.read();
      }
    });
  }

  @Override
  public final void onData(MuxedStream s, ByteBuf data) {
    if (refused) {
      data.release();
      return;
    }
    List<byte[]> messages;
    try {
      messages = frames.add(data);
    } catch (IllegalArgumentException e) {
      refuseOnce(notFramed + e.getMessage());
      return;
    }
    if (messages.isEmpty()) {
      s.read();
      return;
    }
    S start = null;
    List<I> inputs = new ArrayList<>(messages.size());
    try {
      for (byte[] message : messages) {
        if (!started) {
          start = decodeStart(message);
          started = true;
        } else {
          inputs.add(decodeInput(message));
        }
      }
    } catch (MalformedPayloadException e) {
      log.info("Refused a malformed session frame from peer {}: {}", peer, e.getMessage());
      refuseOnce(malformed + e.getMessage());
      return;
    }
    received(start, inputs);
  }

  private void refuseOnce(String message) {
    refused = true;
    refuse(ErrorCode.INVALID_ARGUMENT, message);
  }

  @Override
  public final void onRemoteClose(MuxedStream s) {
    if (started && !refused) {
      inputEnded();
    } else if (!refused) {
      refuseOnce("the stream ended before the session's first frame");
    }
  }

  @Override
  public final void onWritabilityChanged(MuxedStream s) {
    guard.writabilityChanged(s);
  }

  @Override
  public final void onClosed(MuxedStream s) {
    frames.release();
    guard.cancel();
    ended();
  }
}
