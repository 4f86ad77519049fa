package ai.hanzo.libp2p.transport;

import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multistream.MultistreamClient;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamMuxer;
import ai.hanzo.libp2p.peer.PeerId;
import io.netty.channel.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link Connection} over a Netty channel with a stream muxer installed. */
final class MuxedConnection implements Connection {
  private final Channel channel;
  private final StreamMuxer muxer;
  private final PeerId localPeer;
  private final PeerId remotePeer;
  private final PublicKey remotePublicKey;
  private final Multiaddr localAddress;
  private final Multiaddr remoteAddress;
  private final Direction direction;
  private final Duration negotiationTimeout;
  private final Instant openedAt = Instant.now();
  private final Set<MuxedStream> streams = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  MuxedConnection(Channel channel, StreamMuxer muxer, ConnectionInfo info, Duration negotiationTimeout) {
    this.channel = channel;
    this.muxer = muxer;
    this.localPeer = info.localPeer();
    this.remotePeer = info.remotePeer();
    this.remotePublicKey = info.remotePublicKey();
    this.localAddress = info.localAddress();
    this.remoteAddress = info.remoteAddress();
    this.direction = info.direction();
    this.negotiationTimeout = negotiationTimeout;
    muxer.closeFuture().addListener(f -> closed.complete(null));
  }

  @Override
  public PeerId localPeer() {
    return localPeer;
  }

  @Override
  public PeerId remotePeer() {
    return remotePeer;
  }

  @Override
  public PublicKey remotePublicKey() {
    return remotePublicKey;
  }

  @Override
  public Multiaddr localAddress() {
    return localAddress;
  }

  /** The remote's TCP endpoint (not a listen address for inbound connections). */
  @Override
  public Multiaddr remoteAddress() {
    return remoteAddress;
  }

  @Override
  public Direction direction() {
    return direction;
  }

  @Override
  public StreamMuxer muxer() {
    return muxer;
  }

  public Channel channel() {
    return channel;
  }

  @Override
  public Instant openedAt() {
    return openedAt;
  }

  /**
   * Opens a stream and agrees on the first of {@code protocols} the remote supports; the stream's
   * {@link MuxedStream#PROTOCOL} attribute tells which. Attach a handler when the future
   * completes (bytes that came early are kept for it).
   */
  @Override
  public CompletableFuture<MuxedStream> newStream(List<String> protocols) {
    CompletableFuture<MuxedStream> result = new CompletableFuture<>();
    muxer.openStream().addListener(opened -> {
      if (!opened.isSuccess()) {
        result.completeExceptionally(opened.cause());
        return;
      }
      MuxedStream stream = (MuxedStream) opened.getNow();
      track(stream);
      MultistreamClient.select(stream, protocols, negotiationTimeout).addListener(selected -> {
        if (selected.isSuccess()) {
          result.complete(stream);
        } else {
          result.completeExceptionally(selected.cause());
        }
      });
    });
    return result;
  }

  @Override
  public void track(MuxedStream stream) {
    streams.add(stream);
    streams.removeIf(MuxedStream::isClosed);
  }

  /** True when no stream is open on this connection. */
  @Override
  public boolean isIdle() {
    streams.removeIf(MuxedStream::isClosed);
    return streams.isEmpty();
  }

  /** Streams open now. */
  @Override
  public int openStreams() {
    streams.removeIf(MuxedStream::isClosed);
    return streams.size();
  }

  @Override
  public boolean isOpen() {
    return !muxer.isClosed() && channel.isActive();
  }

  /** Sends go-away and closes; completes when the connection is gone. */
  @Override
  public CompletableFuture<Void> close() {
    muxer.close();
    return closed;
  }

  /** Completes when the connection is closed, by either side. */
  @Override
  public CompletableFuture<Void> closeFuture() {
    return closed;
  }

  @Override
  public String toString() {
    return direction.name().toLowerCase() + " connection to " + remotePeer + " at " + remoteAddress;
  }
}
