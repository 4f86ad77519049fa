package ai.hanzo.libp2p.transport;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/** A bound TCP listening socket. */
public final class TcpListener {
  private final Channel channel;
  private final Multiaddr address;

  TcpListener(Channel channel) {
    this.channel = channel;
    this.address = Multiaddr.fromTcpAddress((InetSocketAddress) channel.localAddress());
  }

  /** The bound address, with the port the OS chose when port 0 was asked for. */
  public Multiaddr address() {
    return address;
  }

  /** Stops accepting; connections already accepted stay open. */
  public CompletableFuture<Void> close() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    channel.close().addListener(f -> done.complete(null));
    return done;
  }

  public boolean isOpen() {
    return channel.isOpen();
  }
}
