package ai.hanzo.libp2p.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VarintFramesTest {
  private final List<Long> oversized = new ArrayList<>();

  private static ByteBuf framed(byte[]... bodies) {
    ByteBuf out = Unpooled.buffer();
    for (byte[] b : bodies) {
      Varint.write(b.length, out);
      out.writeBytes(b);
    }
    return out;
  }

  /** Feeds {@code input} in chunks of at most {@code chunk} bytes, collecting frames and oversized lengths. */
  private List<byte[]> feed(VarintFrames frames, ByteBuf input, Random random, int chunk) {
    List<byte[]> out = new ArrayList<>();
    while (input.isReadable()) {
      ByteBuf slice = input.readRetainedSlice(Math.min(input.readableBytes(), 1 + random.nextInt(chunk)));
      out.addAll(frames.add(slice, oversized::add));
    }
    input.release();
    return out;
  }

  @Test
  void splitsFramesDeliveredInArbitraryChunks() {
    long seed = 7;
    System.out.println("VarintFramesTest seed " + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      List<byte[]> sent = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        byte[] body = new byte[random.nextInt(300)];
        random.nextBytes(body);
        sent.add(body);
      }
      VarintFrames frames = new VarintFrames(1000);
      List<byte[]> got = feed(frames, framed(sent.toArray(byte[][]::new)), random, 50);
      assertThat(frames.hasPartial()).isFalse();
      frames.release();
      assertThat(got).as("seed %d round %d", seed, round).hasSize(5);
      for (int i = 0; i < 5; i++) {
        assertThat(got.get(i)).as("seed %d round %d", seed, round).isEqualTo(sent.get(i));
      }
    }
    assertThat(oversized).isEmpty();
  }

  @Test
  void skipsAnOversizedFrameWithoutBufferingItAndKeepsGoing() {
    VarintFrames frames = new VarintFrames(100);
    ByteBuf input = framed(new byte[5000], new byte[] {1, 2, 3});
    List<byte[]> got = new ArrayList<>();
    boolean sawSkipping = false;
    while (input.isReadable()) {
      got.addAll(frames.add(input.readRetainedSlice(Math.min(input.readableBytes(), 64)), oversized::add));
      sawSkipping |= frames.hasPartial() && got.isEmpty();
    }
    input.release();
    frames.release();
    assertThat(oversized).containsExactly(5000L);
    assertThat(sawSkipping).as("the oversized frame counts as unfinished while it is skipped").isTrue();
    assertThat(got).singleElement().isEqualTo(new byte[] {1, 2, 3});
  }

  @Test
  void failsOnAnOversizedFrameBeforeItsBytesArrive() {
    VarintFrames frames = new VarintFrames(100);
    ByteBuf prefixOnly = Unpooled.buffer();
    Varint.write(5000, prefixOnly);
    assertThatThrownBy(() -> frames.add(prefixOnly)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("message of 5000 bytes exceeds the limit of 100");
    frames.release();
  }

  @Test
  void rejectsAMalformedLengthPrefixInEitherMode() {
    byte[] tooLong = new byte[12];
    Arrays.fill(tooLong, (byte) 0xff);
    VarintFrames failing = new VarintFrames(100);
    assertThatThrownBy(() -> failing.add(Unpooled.wrappedBuffer(tooLong)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bad length prefix");
    failing.release();
    VarintFrames skipping = new VarintFrames(100);
    assertThatThrownBy(() -> skipping.add(Unpooled.wrappedBuffer(tooLong), oversized::add))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bad length prefix");
    skipping.release();
  }
}
