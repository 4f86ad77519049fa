package ai.hanzo.libp2p.host;

import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamMuxer;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import ai.hanzo.libp2p.transport.Direction;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A connection without a socket, for connection-manager decisions. */
final class FakeConnection implements Connection {
  private final PeerId local;
  private final PeerId remote;
  private final Direction direction;
  private final Instant openedAt;
  private final boolean idle;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  FakeConnection(PeerId local, PeerId remote, Direction direction, Instant openedAt,
      boolean idle) {
    this.local = local;
    this.remote = remote;
    this.direction = direction;
    this.openedAt = openedAt;
    this.idle = idle;
  }

  @Override
  public PeerId localPeer() {
    return local;
  }

  @Override
  public PeerId remotePeer() {
    return remote;
  }

  @Override
  public PublicKey remotePublicKey() {
    return remote.publicKey().orElseThrow();
  }

  @Override
  public Multiaddr localAddress() {
    return Multiaddr.parse("/ip4/127.0.0.1/tcp/1");
  }

  @Override
  public Multiaddr remoteAddress() {
    return Multiaddr.parse("/ip4/127.0.0.1/tcp/2");
  }

  @Override
  public Direction direction() {
    return direction;
  }

  @Override
  public StreamMuxer muxer() {
    throw new UnsupportedOperationException("no muxer in a fake connection");
  }

  @Override
  public Instant openedAt() {
    return openedAt;
  }

  @Override
  public CompletableFuture<MuxedStream> newStream(List<String> protocols) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("fake"));
  }

  @Override
  public void track(MuxedStream stream) {}

  @Override
  public boolean isIdle() {
    return idle;
  }

  @Override
  public int openStreams() {
    return idle ? 0 : 1;
  }

  @Override
  public boolean isOpen() {
    return !closed.isDone();
  }

  @Override
  public CompletableFuture<Void> close() {
    closed.complete(null);
    return closed;
  }

  @Override
  public CompletableFuture<Void> closeFuture() {
    return closed;
  }
}
