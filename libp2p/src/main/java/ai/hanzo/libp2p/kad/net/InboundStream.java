package ai.hanzo.libp2p.kad.net;

import ai.hanzo.libp2p.kad.wire.DhtCodec;
import ai.hanzo.libp2p.kad.wire.DhtMessage;
import ai.hanzo.libp2p.kad.wire.DhtProtocolException;
import ai.hanzo.libp2p.kad.wire.MessageFramer;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one inbound {@code /ipfs/kad/1.0.0} stream: answers requests in order until the remote
 * closes its side (js reuses a stream for several requests). A stream that stays silent longer
 * than the idle timeout is reset, so idle streams do not pile up.
 */
public final class InboundStream implements StreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(InboundStream.class);

  private final RequestHandler handler;
  private final MessageFramer framer;
  private final Duration idleTimeout;
  private ScheduledFuture<?> idle;
  private PeerId remote;

  public InboundStream(RequestHandler handler, int maxMessageSize, Duration idleTimeout) {
    this.handler = handler;
    this.framer = new MessageFramer(maxMessageSize);
    this.idleTimeout = idleTimeout;
  }

  @Override
  public void onActive(MuxedStream stream) {
    Connection connection = stream.parent().attr(Connection.ATTRIBUTE).get();
    if (connection == null) {
      stream.reset();
      return;
    }
    remote = connection.remotePeer();
    armIdleTimer(stream);
  }

  @Override
  public void onData(MuxedStream stream, ByteBuf data) {
    try {
      for (byte[] frame : framer.add(data)) {
        DhtMessage request = DhtCodec.decode(frame);
        Optional<DhtMessage> response = handler.handle(remote, request);
        response.ifPresent(r -> stream.write(MessageFramer.frame(stream.alloc(), r)));
      }
      armIdleTimer(stream);
    } catch (DhtProtocolException e) {
      LOG.debug("Resetting DHT stream from {}: {}", remote, e.getMessage());
      stream.reset();
    } catch (RuntimeException e) {
      // A bug of ours must not take the connection's event loop down with it.
      LOG.warn("DHT request from {} failed", remote, e);
      stream.reset();
    }
  }

  @Override
  public void onRemoteClose(MuxedStream stream) {
    stream.close();
  }

  @Override
  public void onClosed(MuxedStream stream) {
    if (idle != null) {
      idle.cancel(false);
    }
    framer.release();
  }

  private void armIdleTimer(MuxedStream stream) {
    if (idle != null) {
      idle.cancel(false);
    }
    idle = stream.eventLoop().schedule(stream::reset, idleTimeout.toMillis(),
        TimeUnit.MILLISECONDS);
  }
}
