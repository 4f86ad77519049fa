package ai.hanzo.libp2p.noise;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Encrypts outbound bytes into Noise transport frames: 2-byte big-endian length, then
 * ChaCha20-Poly1305 ciphertext of at most 65519 plaintext bytes; larger writes become several
 * frames in one buffer.
 */
public final class NoiseFrameEncoder extends MessageToByteEncoder<ByteBuf> {
  public static final int MAX_FRAME = 65535;
  public static final int MAX_PLAINTEXT = MAX_FRAME - CipherState.TAG_LENGTH;
  static final int LENGTH_PREFIX = 2;

  private final CipherState send;

  public NoiseFrameEncoder(CipherState send) {
    super(ByteBuf.class);
    this.send = send;
  }

  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, ByteBuf msg, boolean preferDirect) {
    int length = msg.readableBytes();
    int frames = (length + MAX_PLAINTEXT - 1) / MAX_PLAINTEXT;
    int size = length + frames * (LENGTH_PREFIX + CipherState.TAG_LENGTH);
    return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, ByteBuf msg, ByteBuf out) {
    while (msg.isReadable()) {
      int chunk = Math.min(msg.readableBytes(), MAX_PLAINTEXT);
      int sealed = chunk + CipherState.TAG_LENGTH;
      out.writeShort(sealed);
      out.ensureWritable(sealed);
      ByteBuffer target = out.nioBuffer(out.writerIndex(), sealed);
      if (msg.nioBufferCount() == 1) {
        send.encrypt(msg.nioBuffer(msg.readerIndex(), chunk), target);
      } else {
        // A composite (e.g. a Yamux header and its payload) would be copied into a fresh heap
        // buffer by nioBuffer(); a pooled direct copy costs no garbage.
        ByteBuf flat = ctx.alloc().directBuffer(chunk);
        try {
          msg.getBytes(msg.readerIndex(), flat, chunk);
          send.encrypt(flat.nioBuffer(0, chunk), target);
        } finally {
          flat.release();
        }
      }
      out.writerIndex(out.writerIndex() + sealed);
      msg.skipBytes(chunk);
    }
  }
}
