package ai.hanzo.libp2p.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
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
    // Frames rarely line up with socket reads; merging would copy every read that follows a
    // partial frame, while a composite copies only the frames that straddle two reads.
    setCumulator(COMPOSITE_CUMULATOR);
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
    ByteBuf plain = ctx.alloc().directBuffer(plainLength);
    ByteBuffer[] parts = in.nioBuffers(in.readerIndex(), length);
    ByteBuf straddling = parts.length == 1 ? null : copyToDirect(ctx, in, length);
    try {
      ByteBuffer sealed = straddling == null ? parts[0] : straddling.nioBuffer(0, length);
      receive.decrypt(sealed, plain.nioBuffer(0, plainLength));
    } catch (AEADBadTagException e) {
      plain.release();
      failed = true;
      throw new NoiseTransportException(
          "Noise frame " + receive.nonce() + " failed to decrypt: tampered or out of sequence", e);
    } finally {
      if (straddling != null) {
        straddling.release();
      }
    }
    in.skipBytes(length);
    plain.writerIndex(plainLength);
    if (plain.isReadable()) {
      out.add(plain);
    } else {
      plain.release();
    }
  }

  /** A frame split across two socket reads, copied into one pooled buffer for the cipher. */
  private static ByteBuf copyToDirect(ChannelHandlerContext ctx, ByteBuf in, int length) {
    ByteBuf copy = ctx.alloc().directBuffer(length);
    in.getBytes(in.readerIndex(), copy, length);
    return copy;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof NoiseTransportException) {
      ctx.close();
    }
    ctx.fireExceptionCaught(cause);
  }
}
