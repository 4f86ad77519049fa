package ai.hanzo.libp2p.host.protocol.identify;

import ai.hanzo.libp2p.multiformats.VarintFrames;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The Identify messages of one stream, bounded in size and count so that a peer cannot make us buffer more than
 * {@code maxCount * maxLength} bytes.
 */
final class LengthPrefixedFrames {
  private final int maxCount;
  private final VarintFrames splitter;
  private final List<byte[]> frames = new ArrayList<>();

  LengthPrefixedFrames(int maxLength, int maxCount) {
    this.maxCount = maxCount;
    this.splitter = new VarintFrames(maxLength);
  }

  /** Takes ownership of {@code data} and splits off every complete message. */
  void add(ByteBuf data) throws IdentifyException {
    try {
      frames.addAll(splitter.add(data));
    } catch (IllegalArgumentException e) {
      throw new IdentifyException(e.getMessage());
    }
    if (frames.size() > maxCount) {
      throw new IdentifyException("more than " + maxCount + " messages");
    }
  }

  /** The messages read so far; fails when the stream ended inside one. */
  List<byte[]> finish() throws IdentifyException {
    boolean partial = splitter.hasPartial();
    release();
    if (partial) {
      throw new IdentifyException("stream ended inside a message");
    }
    return List.copyOf(frames);
  }

  void release() {
    splitter.release();
  }
}
