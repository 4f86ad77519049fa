package ai.hanzo.libp2p.yamux;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property-style checks over many seeded random frames: a failure names its seed, so it
 * reproduces exactly.
 */
class FrameCodecRoundTripTest {
  private static final int MAX_FRAME = 4096;

  static FrameHeader randomHeader(Random random) {
    int type = random.nextInt(4);
    int flags = random.nextInt(0x10000);
    long value = random.nextLong() & FrameHeader.MAX_U32;
    long id = 1 + (random.nextLong() & FrameHeader.MAX_U32) % FrameHeader.MAX_U32;
    return switch (type) {
      case FrameHeader.TYPE_DATA -> new FrameHeader(type, flags, id, random.nextInt(MAX_FRAME + 1));
      case FrameHeader.TYPE_WINDOW_UPDATE -> new FrameHeader(type, flags, id, value);
      default -> new FrameHeader(type, flags, 0, value);
    };
  }

  @Test
  void headersRoundTrip() throws Exception {
    for (long seed = 0; seed < 2000; seed++) {
      FrameHeader header = randomHeader(new Random(seed));
      ByteBuf buf = Unpooled.buffer();
      FrameCodec.writeHeader(header, buf);
      assertThat(buf.readableBytes()).as("seed %d", seed).isEqualTo(FrameHeader.LENGTH);
      assertThat(FrameCodec.readHeader(buf, MAX_FRAME)).as("seed %d", seed).isEqualTo(header);
      buf.release();
    }
  }

  @Test
  void framesDecodeTheSameWhateverTheChunking() throws Exception {
    for (long seed = 0; seed < 300; seed++) {
      Random random = new Random(seed);
      List<FrameHeader> headers = new ArrayList<>();
      ByteBuf wire = Unpooled.buffer();
      for (int i = 1 + random.nextInt(20); i > 0; i--) {
        FrameHeader header = randomHeader(random);
        headers.add(header);
        FrameCodec.writeHeader(header, wire);
        if (header.type() == FrameHeader.TYPE_DATA) {
          wire.writeZero((int) header.length());
        }
      }
      List<Long> payloadSizes = new ArrayList<>();
      List<FrameHeader> decoded = decodeInChunks(wire, 1 + random.nextInt(100), payloadSizes);

      assertThat(decoded).as("seed %d", seed).isEqualTo(headers);
      assertThat(payloadSizes).as("seed %d", seed).isEqualTo(headers.stream()
          .filter(h -> h.type() == FrameHeader.TYPE_DATA).map(FrameHeader::length).toList());
      wire.release();
    }
  }

  private static List<FrameHeader> decodeInChunks(ByteBuf wire, int chunk, List<Long> payloadSizes)
      throws YamuxProtocolException {
    List<FrameHeader> decoded = new ArrayList<>();
    FrameDecoder decoder = new FrameDecoder(MAX_FRAME);
    FrameDecoder.Sink sink = new FrameDecoder.Sink() {
      @Override
      public void onDataHeader(FrameHeader header) {}

      @Override
      public void onData(FrameHeader header, ByteBuf payload) {
        decoded.add(header);
        payloadSizes.add((long) payload.readableBytes());
        payload.release();
      }

      @Override
      public void onControl(FrameHeader header) {
        decoded.add(header);
      }
    };
    ByteBuf in = Unpooled.buffer();
    while (wire.isReadable()) {
      in.writeBytes(wire, Math.min(chunk, wire.readableBytes()));
      decoder.decode(in, sink);
      in.discardReadBytes();
    }
    assertThat(in.isReadable()).isFalse();
    in.release();
    return decoded;
  }
}
