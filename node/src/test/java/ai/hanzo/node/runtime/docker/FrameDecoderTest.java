package ai.hanzo.node.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.runtime.LogStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
  private static final long SEED = 7_2026L;

  private record Frame(LogStream stream, byte[] payload) {}

  private static byte[] encode(List<Frame> frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Frame frame : frames) {
      int length = frame.payload().length;
      out.writeBytes(new byte[] {(byte) (frame.stream() == LogStream.STDERR ? 2 : 1), 0, 0, 0,
          (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
      out.writeBytes(frame.payload());
    }
    return out.toByteArray();
  }

  @Test
  void framesSurviveAnySplitOfTheStream() throws IOException {
    Random random = new Random(SEED);
    for (int round = 0; round < 500; round++) {
      List<Frame> frames = new ArrayList<>();
      for (int i = random.nextInt(6); i > 0; i--) {
        byte[] payload = new byte[1 + random.nextInt(300)];
        random.nextBytes(payload);
        frames.add(new Frame(random.nextBoolean() ? LogStream.STDOUT : LogStream.STDERR, payload));
      }
      byte[] stream = encode(frames);
      List<Frame> decoded = new ArrayList<>();
      FrameDecoder decoder = new FrameDecoder(1024, (s, p) -> decoded.add(new Frame(s, p)));
      int offset = 0;
      while (offset < stream.length) {
        int count = 1 + random.nextInt(stream.length - offset);
        decoder.feed(stream, offset, count);
        offset += count;
      }
      assertThat(decoder.atFrameBoundary()).as("seed %d round %d", SEED, round).isTrue();
      assertThat(decoded).as("seed %d round %d", SEED, round).hasSameSizeAs(frames);
      for (int i = 0; i < frames.size(); i++) {
        assertThat(decoded.get(i).stream()).isEqualTo(frames.get(i).stream());
        assertThat(decoded.get(i).payload()).as("seed %d round %d frame %d", SEED, round, i)
            .isEqualTo(frames.get(i).payload());
      }
    }
  }

  @Test
  void garbageFailsCleanlyAndNeverAllocatesPastTheLimit() {
    Random random = new Random(SEED);
    for (int round = 0; round < 5_000; round++) {
      byte[] garbage = new byte[random.nextInt(64)];
      random.nextBytes(garbage);
      FrameDecoder decoder = new FrameDecoder(1024, (s, p) -> assertThat(p.length).isLessThanOrEqualTo(1024));
      try {
        decoder.feed(garbage, 0, garbage.length);
      } catch (IOException e) {
        assertThat(e.getMessage()).as("seed %d round %d", SEED, round).isNotBlank();
      }
    }
  }

  @Test
  void anOversizedFrameIsRefused() {
    FrameDecoder decoder = new FrameDecoder(1024, (s, p) -> { });
    byte[] header = {1, 0, 0, 0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    assertThatThrownBy(() -> decoder.feed(header, 0, header.length)).isInstanceOf(IOException.class)
        .hasMessageContaining("exceeds");
  }
}
