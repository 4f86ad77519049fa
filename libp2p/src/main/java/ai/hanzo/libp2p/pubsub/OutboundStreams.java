package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.multiformats.Varint;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-lived outbound pubsub stream per peer, which carries all our RPCs to it. RPCs sent
 * while the stream is still being negotiated wait (bounded) and go out when it opens; a peer
 * whose unsent queue passes the limit loses RPCs instead of growing our memory.
 */
final class OutboundStreams {
  private static final Logger LOG = LoggerFactory.getLogger(OutboundStreams.class);

  private final List<String> protocols;
  private final int maxRpcSize;
  private final long maxQueuedBytes;
  private final Map<PeerId, Outbound> streams = new ConcurrentHashMap<>();

  private static final class Outbound {
    final Connection connection;
    MuxedStream stream;
    final List<ByteBuf> pending = new ArrayList<>();
    long pendingBytes;

    Outbound(Connection connection) {
      this.connection = connection;
    }
  }

  OutboundStreams(List<String> protocols, int maxRpcSize, long maxQueuedBytes) {
    this.protocols = List.copyOf(protocols);
    this.maxRpcSize = maxRpcSize;
    this.maxQueuedBytes = maxQueuedBytes;
  }

  /**
   * Opens the stream to the peer of {@code connection} unless one is open or opening; {@code
   * opened} gets the negotiated protocol, {@code closed} runs when the stream goes away.
   */
  void open(Connection connection, BiConsumer<PeerId, String> opened, Consumer<PeerId> closed) {
    PeerId peer = connection.remotePeer();
    Outbound fresh = new Outbound(connection);
    Outbound existing = streams.putIfAbsent(peer, fresh);
    if (existing != null) {
      // A stream of a connection that already closed may not have reported it yet: replace it.
      if (existing.connection.isOpen() || !streams.replace(peer, existing, fresh)) {
        return;
      }
      drop(peer, existing);
    }
    connection.newStream(protocols).whenComplete((stream, error) -> {
      if (error != null) {
        LOG.debug("no pubsub stream to {}: {}", peer, error.toString());
        drop(peer, fresh);
        return;
      }
      stream.setHandler(new StreamHandler() {
        @Override
        public void onData(MuxedStream s, ByteBuf data) {
          data.release();
        }

        @Override
        public void onClosed(MuxedStream s) {
          drop(peer, fresh);
          closed.accept(peer);
        }
      });
      synchronized (fresh) {
        fresh.stream = stream;
        fresh.pending.forEach(stream::write);
        fresh.pending.clear();
        fresh.pendingBytes = 0;
      }
      opened.accept(peer, stream.attr(MuxedStream.PROTOCOL).get());
    });
  }

  private void drop(PeerId peer, Outbound outbound) {
    streams.remove(peer, outbound);
    synchronized (outbound) {
      outbound.pending.forEach(ByteBuf::release);
      outbound.pending.clear();
    }
  }

  boolean send(PeerId peer, RpcProto.RPC rpc) {
    Outbound out = streams.get(peer);
    if (out == null) {
      return false;
    }
    int size = rpc.getSerializedSize();
    if (size > maxRpcSize) {
      LOG.debug("not sending an RPC of {} bytes to {}: over the limit of {}", size, peer,
          maxRpcSize);
      return false;
    }
    synchronized (out) {
      long queued = out.stream != null ? out.stream.unsentBytes() : out.pendingBytes;
      if (queued + size > maxQueuedBytes) {
        LOG.debug("dropping an RPC to {}: {} bytes already queued", peer, queued);
        return false;
      }
      ByteBuf frame = Unpooled.buffer(size + Varint.MAX_BYTES);
      Varint.write(size, frame);
      frame.writeBytes(rpc.toByteArray());
      if (out.stream != null) {
        out.stream.write(frame);
      } else {
        out.pending.add(frame);
        out.pendingBytes += frame.readableBytes();
      }
    }
    return true;
  }

  void close() {
    streams.values().forEach(o -> {
      synchronized (o) {
        if (o.stream != null) {
          o.stream.close();
        }
      }
    });
  }
}
