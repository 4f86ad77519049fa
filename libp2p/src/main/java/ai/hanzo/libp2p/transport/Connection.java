package ai.hanzo.libp2p.transport;

import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamMuxer;
import ai.hanzo.libp2p.peer.PeerId;
import io.netty.util.AttributeKey;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A secured, multiplexed connection to one peer. Streams opened here negotiate their protocol
 * with multistream-select before they are handed out.
 */
public interface Connection {
  /** Set on the connection's channel, so stream handlers can find their connection. */
  AttributeKey<Connection> ATTRIBUTE = AttributeKey.valueOf("ai.hanzo.libp2p.connection");

  PeerId localPeer();

  PeerId remotePeer();

  PublicKey remotePublicKey();

  Multiaddr localAddress();

  /** The remote's TCP endpoint (for inbound connections not a listen address). */
  Multiaddr remoteAddress();

  Direction direction();

  StreamMuxer muxer();

  Instant openedAt();

  /**
   * Opens a stream and agrees on the first of {@code protocols} the remote supports; the stream's
   * {@link MuxedStream#PROTOCOL} attribute tells which. Attach a handler when the future
   * completes (bytes that came early are kept for it).
   */
  CompletableFuture<MuxedStream> newStream(List<String> protocols);

  default CompletableFuture<MuxedStream> newStream(String... protocols) {
    return newStream(List.of(protocols));
  }

  /** Counts {@code stream} as open on this connection until it closes. */
  void track(MuxedStream stream);

  /** True when no stream is open on this connection. */
  boolean isIdle();

  /** Streams open now. */
  int openStreams();

  boolean isOpen();

  /** Sends go-away and closes; completes when the connection is gone. */
  CompletableFuture<Void> close();

  /** Completes when the connection is closed, by either side. */
  CompletableFuture<Void> closeFuture();
}
