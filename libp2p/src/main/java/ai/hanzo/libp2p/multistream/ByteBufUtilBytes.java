package ai.hanzo.libp2p.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

final class ByteBufUtilBytes {
  private ByteBufUtilBytes() {}

  /** The readable bytes of {@code buf}, which is released. */
  static byte[] drain(ByteBuf buf) {
    try {
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }
}
