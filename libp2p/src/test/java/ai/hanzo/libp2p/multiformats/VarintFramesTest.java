package ai.hanzo.libp2p.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.testing.RandomCases;
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

  /**
   * One frame at a time off a buffer (multistream-select's way): the bytes after it stay where they are for whoever
   * reads next, and an incomplete frame leaves the buffer untouched.
   */
  @Test
  void nextFrameTakesOneFrameAndLeavesWhatFollows() {
    ByteBuf in = framed(new byte[] {1, 2, 3});
    in.writeBytes(new byte[] {(byte) 0xff, (byte) 0xff}); // the next protocol's bytes: not a valid prefix
    assertThat(VarintFrames.nextFrame(in, 100)).isEqualTo(3);
    assertThat(in.readerIndex()).as("past the prefix").isEqualTo(1);
    in.skipBytes(3);
    assertThat(in.readableBytes()).isEqualTo(2);
    in.release();

    ByteBuf partialBody = framed(new byte[10]);
    partialBody.writerIndex(partialBody.writerIndex() - 1);
    assertThat(VarintFrames.nextFrame(partialBody, 100)).isEqualTo(-1);
    assertThat(partialBody.readerIndex()).isZero();
    partialBody.release();
    ByteBuf partialPrefix = Unpooled.wrappedBuffer(new byte[] {(byte) 0x80});
    assertThat(VarintFrames.nextFrame(partialPrefix, 100)).isEqualTo(-1);
    assertThat(partialPrefix.readerIndex()).isZero();
  }

  @Test
  void nextFrameRefusesAnOversizedOrMalformedPrefixAsTheSplitterDoes() {
    ByteBuf prefixOnly = Unpooled.buffer();
    Varint.write(5000, prefixOnly);
    assertThatThrownBy(() -> VarintFrames.nextFrame(prefixOnly, 100)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("message of 5000 bytes exceeds the limit of 100");
    byte[] tooLong = new byte[12];
    Arrays.fill(tooLong, (byte) 0xff);
    assertThatThrownBy(() -> VarintFrames.nextFrame(Unpooled.wrappedBuffer(tooLong), 100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bad length prefix")
        .hasCauseInstanceOf(MultiformatException.class);
    assertThatThrownBy(() -> VarintFrames.nextFrame(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 0}), 100))
        .hasMessage("bad length prefix: varint is not minimally encoded");
  }

  /** Whatever the bytes, frame by frame and all at once agree: the same frames, or both refuse. */
  @Test
  void nextFrameAgreesWithTheSplitterOnAnyInput() {
    RandomCases.forAll(2000, r -> {
      byte[] input = new byte[r.nextInt(40)];
      r.nextBytes(input);
      if (r.nextBoolean() && input.length > 0) {
        input[0] = (byte) r.nextInt(20); // a plausible prefix now and then
      }
      List<byte[]> splitter;
      String splitterError = null;
      VarintFrames frames = new VarintFrames(16);
      try {
        splitter = frames.add(Unpooled.wrappedBuffer(input));
      } catch (IllegalArgumentException e) {
        splitter = null;
        splitterError = e.getMessage();
      } finally {
        frames.release();
      }
      List<byte[]> single = new ArrayList<>();
      String singleError = null;
      ByteBuf in = Unpooled.wrappedBuffer(input);
      try {
        int length;
        while ((length = VarintFrames.nextFrame(in, 16)) >= 0) {
          byte[] frame = new byte[length];
          in.readBytes(frame);
          single.add(frame);
        }
      } catch (IllegalArgumentException e) {
        singleError = e.getMessage();
      }
      assertThat(singleError).isEqualTo(splitterError);
      if (splitter != null) {
        assertThat(single).containsExactlyElementsOf(splitter);
      }
    });
  }
}
