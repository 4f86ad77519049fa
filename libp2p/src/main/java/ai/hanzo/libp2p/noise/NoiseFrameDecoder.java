package ai.hanzo.libp2p.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import javax.crypto.AEADBadTagException;

/**
 * Decrypts inbound Noise transport frames. The 2-byte length caps a frame at 65535 bytes, so
 * neither buffering nor output ever exceeds that per frame. A frame that is too short or fails to
 * authenticate closes the channel with a {@link NoiseTransportException}.
 */
public final class NoiseFrameDecoder extends ByteToMessageDecoder {
  private final CipherState receive;
  private boolean failed;

  public NoiseFrameDecoder(CipherState receive) {
    this.receive = receive;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < NoiseFrameEncoder.LENGTH_PREFIX) {
      return;
    }
    int length = in.getUnsignedShort(in.readerIndex());
    if (in.readableBytes() < NoiseFrameEncoder.LENGTH_PREFIX + length) {
      return;
    }
    if (length < CipherState.TAG_LENGTH) {
      failed = true;
      throw new NoiseTransportException(
          "Noise frame of " + length + " bytes is shorter than the 16-byte tag");
    }
    in.skipBytes(NoiseFrameEncoder.LENGTH_PREFIX);
    int plainLength = length - CipherState.TAG_LENGTH;
    ByteBuf plain = ctx.alloc().buffer(plainLength);
    try {
      receive.decrypt(in.nioBuffer(in.readerIndex(), length), plain.nioBuffer(0, plainLength));
    } catch (AEADBadTagException e) {
      plain.release();
      failed = true;
      throw new NoiseTransportException(
          "Noise frame " + receive.nonce() + " failed to decrypt: tampered or out of sequence", e);
    }
    in.skipBytes(length);
    plain.writerIndex(plainLength);
    if (plain.isReadable()) {
      out.add(plain);
    } else {
      plain.release();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof NoiseTransportException) {
      ctx.close();
    }
    ctx.fireExceptionCaught(cause);
  }
}
