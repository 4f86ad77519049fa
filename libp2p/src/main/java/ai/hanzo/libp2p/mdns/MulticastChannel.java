package ai.hanzo.libp2p.mdns;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One UDP socket on {@code 0.0.0.0:5353} that has joined 224.0.0.251 on one interface and sends there. Address
 * reuse lets other mDNS responders on the host (and other processes like us) bind the same port; multicast
 * loopback lets them hear us.
 */
final class MulticastChannel {
  static final int PORT = 5353;
  static final InetSocketAddress GROUP = new InetSocketAddress(ipv4(224, 0, 0, 251), PORT);

  /** What arrived, from whom, on which interface's socket. */
  interface Receiver {
    void received(MulticastChannel channel, byte[] packet, InetSocketAddress sender);
  }

  /**
   * The shortest time between two answers on one interface: a LAN peer flooding us with queries (or spoofing their
   * sender for a unicast reply) gets one answer per period, not one per query. RFC 6762 §6 asks for a second; js
   * answers every query; a quarter second spares a peer that queries right after another a wait for its next round.
   */
  static final long MIN_ANSWER_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final NetworkInterface nic;
  private final DatagramChannel channel;
  private long lastAnswerNanos;
  private boolean answered;

  private MulticastChannel(NetworkInterface nic, DatagramChannel channel) {
    this.nic = nic;
    this.channel = channel;
  }

  static CompletableFuture<MulticastChannel> open(EventLoopGroup loop, NetworkInterface nic, Receiver receiver) {
    CompletableFuture<MulticastChannel> opened = new CompletableFuture<>();
    MulticastChannel[] self = new MulticastChannel[1];
    ChannelFuture bound = new Bootstrap().group(loop)
        .channelFactory(() -> new NioDatagramChannel(SocketProtocolFamily.INET))
        .option(ChannelOption.SO_REUSEADDR, true)
        .option(ChannelOption.IP_MULTICAST_IF, nic)
        .option(ChannelOption.IP_MULTICAST_LOOP_DISABLED, false)
        .option(ChannelOption.IP_MULTICAST_TTL, 255)
        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DnsMessage.MDNS_MAX_BYTES))
        .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            if (self[0] != null) {
              receiver.received(self[0], ByteBufUtil.getBytes(packet.content()), packet.sender());
            }
          }
        })
        .bind(new InetSocketAddress(ipv4(0, 0, 0, 0), PORT));
    bound.addListener(b -> {
      if (!b.isSuccess()) {
        opened.completeExceptionally(b.cause());
        return;
      }
      DatagramChannel channel = (DatagramChannel) bound.channel();
      self[0] = new MulticastChannel(nic, channel);
      channel.joinGroup(GROUP, nic).addListener(j -> {
        if (j.isSuccess()) {
          opened.complete(self[0]);
        } else {
          channel.close();
          opened.completeExceptionally(j.cause());
        }
      });
    });
    return opened;
  }

  NetworkInterface networkInterface() {
    return nic;
  }

  /** Whether an answer may go out now; if so, counts it as sent. Only on the channel's event loop. */
  boolean claimAnswerSlot(long nowNanos) {
    if (answered && nowNanos - lastAnswerNanos < MIN_ANSWER_GAP_NANOS) {
      return false;
    }
    answered = true;
    lastAnswerNanos = nowNanos;
    return true;
  }

  /** Sends to the group, or to {@code recipient} for a unicast reply. */
  ChannelFuture send(byte[] packet, InetSocketAddress recipient) {
    ByteBuf content = Unpooled.wrappedBuffer(packet);
    return channel.writeAndFlush(new DatagramPacket(content, recipient));
  }

  ChannelFuture close() {
    return channel.close();
  }

  private static InetAddress ipv4(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new AssertionError("four bytes are always an IPv4 address", e);
    }
  }
}
