package ai.hanzo.libp2p.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicReference;

/** Records what reaches the end of a pipeline: the session event, plaintext, the first error. */
final class Recorder extends ChannelInboundHandlerAdapter {
  final AtomicReference<SecureSession> session = new AtomicReference<>();
  final AtomicReference<Throwable> error = new AtomicReference<>();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SecureSession s) {
      session.set(s);
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    byte[] bytes = new byte[buf.readableBytes()];
    buf.readBytes(bytes);
    synchronized (received) {
      received.writeBytes(bytes);
    }
    buf.release();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    error.compareAndSet(null, cause);
  }

  int receivedLength() {
    synchronized (received) {
      return received.size();
    }
  }

  byte[] received() {
    synchronized (received) {
      return received.toByteArray();
    }
  }
}
