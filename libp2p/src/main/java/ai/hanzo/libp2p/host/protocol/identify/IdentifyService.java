package ai.hanzo.libp2p.host.protocol.identify;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multiformats.Varint;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.transport.Connection;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Identify {@code /ipfs/id/1.0.0} (answer with our record, ask a peer for its record) and
 * Identify push {@code /ipfs/id/push/1.0.0} (send ours when it changes, accept theirs).
 */
public final class IdentifyService {
  public static final String ID = "/ipfs/id/1.0.0";
  public static final String PUSH_ID = "/ipfs/id/push/1.0.0";
  public static final String PROTOCOL_VERSION = "ipfs/0.1.0";

  private final Supplier<IdentifyMessage> local;
  private final BiConsumer<Connection, IdentifyMessage> onPush;
  private final Duration timeout;

  /**
   * @param local our record without the observed address (filled in per connection)
   * @param onPush gets every record a peer pushes, with the connection it came on
   */
  public IdentifyService(Supplier<IdentifyMessage> local,
      BiConsumer<Connection, IdentifyMessage> onPush, Duration timeout) {
    this.local = local;
    this.onPush = onPush;
    this.timeout = timeout;
  }

  /** A handler for one inbound {@code /ipfs/id/1.0.0} stream: writes our record and closes. */
  public StreamHandler responder() {
    return new StreamHandler() {
      @Override
      public void onActive(MuxedStream stream) {
        stream.write(frame(stream, observedBy(toMultiaddr(stream.parent().remoteAddress()))));
        stream.closeWrite();
      }

      @Override
      public void onData(MuxedStream stream, ByteBuf data) {
        data.release();
      }

      @Override
      public void onRemoteClose(MuxedStream stream) {
        stream.close();
      }
    };
  }

  /** A handler for one inbound push stream. */
  public StreamHandler pushReceiver() {
    CompletableFuture<IdentifyMessage> pushed = new CompletableFuture<>();
    return new IdentifyCollector(pushed) {
      @Override
      public void onActive(MuxedStream stream) {
        Connection connection = stream.parent().attr(Connection.ATTRIBUTE).get();
        pushed.thenAccept(message -> onPush.accept(connection, message));
      }
    };
  }

  /** Asks the peer of {@code connection} for its record. */
  public CompletableFuture<IdentifyMessage> request(Connection connection) {
    CompletableFuture<IdentifyMessage> result = new CompletableFuture<>();
    connection.newStream(ID).whenComplete((stream, error) -> {
      if (error != null) {
        result.completeExceptionally(
            new IdentifyException("cannot open an Identify stream: " + error.getMessage(), error));
      } else {
        stream.setHandler(new IdentifyCollector(result));
      }
    });
    return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sends our current record to the peer of {@code connection}. */
  public CompletableFuture<Void> push(Connection connection) {
    return connection.newStream(PUSH_ID).thenAccept(stream -> {
      stream.setHandler((s, data) -> data.release());
      stream.write(frame(stream, observedBy(connection.remoteAddress())));
      stream.close();
    });
  }

  private IdentifyMessage observedBy(Multiaddr remote) {
    IdentifyMessage ours = local.get();
    return new IdentifyMessage(ours.protocolVersion(), ours.agentVersion(), ours.publicKey(),
        ours.listenAddrs(), remote, ours.protocols());
  }

  private static Multiaddr toMultiaddr(SocketAddress remote) {
    return remote instanceof InetSocketAddress inet ? Multiaddr.fromTcpAddress(inet) : null;
  }

  private static ByteBuf frame(MuxedStream stream, IdentifyMessage message) {
    byte[] body = IdentifyCodec.encode(message);
    ByteBuf out = stream.alloc().buffer(body.length + Varint.MAX_BYTES);
    Varint.write(body.length, out);
    return out.writeBytes(body);
  }
}
