package ai.hanzo.libp2p.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.multiformats.Varint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RpcFrameDecoderTest {
  private final List<byte[]> frames = new ArrayList<>();
  private final List<Long> oversized = new ArrayList<>();
  private final RpcFrameDecoder.Sink sink = new RpcFrameDecoder.Sink() {
    @Override
    public void frame(byte[] frame) {
      frames.add(frame);
    }

    @Override
    public void oversized(long length) {
      oversized.add(length);
    }
  };

  private static ByteBuf framed(byte[]... bodies) {
    ByteBuf out = Unpooled.buffer();
    for (byte[] b : bodies) {
      Varint.write(b.length, out);
      out.writeBytes(b);
    }
    return out;
  }

  @Test
  void splitsFramesDeliveredInArbitraryChunks() throws Exception {
    long seed = 7;
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      frames.clear();
      List<byte[]> sent = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        byte[] body = new byte[random.nextInt(300)];
        random.nextBytes(body);
        sent.add(body);
      }
      ByteBuf all = framed(sent.toArray(byte[][]::new));
      RpcFrameDecoder decoder = new RpcFrameDecoder(1000);
      while (all.isReadable()) {
        decoder.decode(all.readRetainedSlice(Math.min(all.readableBytes(), 1 + random.nextInt(50))),
            sink);
      }
      all.release();
      decoder.release();
      assertThat(frames).as("seed %d round %d", seed, round).hasSize(5);
      for (int i = 0; i < 5; i++) {
        assertThat(frames.get(i)).as("seed %d round %d", seed, round).isEqualTo(sent.get(i));
      }
    }
  }

  @Test
  void skipsAnOversizedFrameWithoutBufferingItAndKeepsGoing() throws Exception {
    RpcFrameDecoder decoder = new RpcFrameDecoder(100);
    ByteBuf input = framed(new byte[5000], new byte[] {1, 2, 3});
    while (input.isReadable()) {
      decoder.decode(input.readRetainedSlice(Math.min(input.readableBytes(), 64)), sink);
    }
    input.release();
    decoder.release();
    assertThat(oversized).containsExactly(5000L);
    assertThat(frames).singleElement().isEqualTo(new byte[] {1, 2, 3});
  }

  @Test
  void rejectsAMalformedLengthPrefix() {
    RpcFrameDecoder decoder = new RpcFrameDecoder(100);
    byte[] tooLong = new byte[12];
    java.util.Arrays.fill(tooLong, (byte) 0xff);
    assertThatThrownBy(() -> decoder.decode(Unpooled.wrappedBuffer(tooLong), sink))
        .isInstanceOf(InvalidMessageException.class).hasMessageContaining("length prefix");
    decoder.release();
  }
}
