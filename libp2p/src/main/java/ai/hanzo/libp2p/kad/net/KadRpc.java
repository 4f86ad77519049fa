package ai.hanzo.libp2p.kad.net;

import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.kad.wire.DhtCodec;
import ai.hanzo.libp2p.kad.wire.DhtMessage;
import ai.hanzo.libp2p.kad.wire.DhtProtocolException;
import ai.hanzo.libp2p.kad.wire.MessageFramer;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.peer.PeerId;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Outbound DHT requests: one stream per request (as js does), the request written, one response
 * read, the stream closed. Every request is bounded by the timeout, dial and negotiation included.
 */
public final class KadRpc {
  public static final String PROTOCOL = "/ipfs/kad/1.0.0";

  private final Host host;
  private final Duration timeout;
  private final int maxMessageSize;

  public KadRpc(Host host, Duration timeout, int maxMessageSize) {
    this.host = host;
    this.timeout = timeout;
    this.maxMessageSize = maxMessageSize;
  }

  /** Sends {@code request}; completes with the response, whose type must match. */
  public CompletableFuture<DhtMessage> request(PeerId peer, DhtMessage request) {
    CompletableFuture<DhtMessage> response = new CompletableFuture<>();
    host.newStream(peer, PROTOCOL).whenComplete((stream, error) -> {
      if (error != null) {
        response.completeExceptionally(error);
        return;
      }
      stream.setHandler(new ResponseReader(request, response, maxMessageSize));
      stream.eventLoop().schedule(() -> {
        if (response.completeExceptionally(new TimeoutException("no DHT " + request.type()
            + " response from " + peer + " within " + timeout))) {
          stream.reset();
        }
      }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    });
    return response.orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
  }

  /** Sends a message that gets no response (ADD_PROVIDER); completes once it was written. */
  public CompletableFuture<Void> send(PeerId peer, DhtMessage message) {
    return host.newStream(peer, PROTOCOL).thenCompose(stream -> {
      CompletableFuture<Void> sent = new CompletableFuture<>();
      stream.setHandler(new Discarding());
      stream.write(MessageFramer.frame(stream.alloc(), message)).addListener(f -> {
        if (f.isSuccess()) {
          sent.complete(null);
        } else {
          sent.completeExceptionally(f.cause());
        }
      });
      stream.closeWrite();
      return sent;
    }).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static final class ResponseReader implements StreamHandler {
    private final DhtMessage request;
    private final CompletableFuture<DhtMessage> response;
    private final MessageFramer framer;

    ResponseReader(DhtMessage request, CompletableFuture<DhtMessage> response, int maxSize) {
      this.request = request;
      this.response = response;
      this.framer = new MessageFramer(maxSize);
    }

    @Override
    public void onActive(MuxedStream stream) {
      stream.write(MessageFramer.frame(stream.alloc(), request));
    }

    @Override
    public void onData(MuxedStream stream, ByteBuf data) {
      try {
        List<byte[]> frames = framer.add(data);
        if (frames.isEmpty()) {
          return;
        }
        DhtMessage answer = DhtCodec.decode(frames.get(0));
        if (answer.type() != request.type()) {
          throw new DhtProtocolException("asked " + request.type() + ", answered " + answer.type());
        }
        response.complete(answer);
        stream.close();
      } catch (DhtProtocolException e) {
        response.completeExceptionally(e);
        stream.reset();
      }
    }

    @Override
    public void onRemoteClose(MuxedStream stream) {
      if (response.completeExceptionally(new DhtProtocolException(
          "the remote closed the DHT stream without a " + request.type() + " response"))) {
        stream.close();
      }
    }

    @Override
    public void onClosed(MuxedStream stream) {
      framer.release();
      response.completeExceptionally(
          new DhtProtocolException("DHT stream closed before the " + request.type() + " response"));
    }
  }

  private static final class Discarding implements StreamHandler {
    @Override
    public void onData(MuxedStream stream, ByteBuf data) {
      data.release();
    }

    @Override
    public void onRemoteClose(MuxedStream stream) {
      stream.close();
    }
  }
}
