package ai.hanzo.libp2p.yamux;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class FrameCodecPropertiesTest {
  private static final int MAX_FRAME = 4096;

  @Provide
  Arbitrary<FrameHeader> headers() {
    Arbitrary<Integer> types = Arbitraries.integers().between(0, 3);
    Arbitrary<Integer> flags = Arbitraries.integers().between(0, 0xFFFF);
    Arbitrary<Long> ids = Arbitraries.longs().between(1, FrameHeader.MAX_U32);
    Arbitrary<Long> values = Arbitraries.longs().between(0, FrameHeader.MAX_U32);
    Arbitrary<Long> dataLengths = Arbitraries.longs().between(0, MAX_FRAME);
    return Combinators.combine(types, flags, ids, values, dataLengths).as((type, flag, id, value,
        dataLength) -> switch (type) {
          case FrameHeader.TYPE_DATA -> new FrameHeader(type, flag, id, dataLength);
          case FrameHeader.TYPE_WINDOW_UPDATE -> new FrameHeader(type, flag, id, value);
          default -> new FrameHeader(type, flag, 0, value);
        });
  }

  @Provide
  Arbitrary<List<FrameHeader>> headerLists() {
    return headers().list().ofMinSize(1).ofMaxSize(20);
  }

  @Property
  void headerRoundTrips(@ForAll("headers") FrameHeader header) throws Exception {
    ByteBuf buf = Unpooled.buffer();
    FrameCodec.writeHeader(header, buf);
    assertThat(buf.readableBytes()).isEqualTo(FrameHeader.LENGTH);
    assertThat(FrameCodec.readHeader(buf, MAX_FRAME)).isEqualTo(header);
    buf.release();
  }

  @Property(tries = 200)
  void framesDecodeTheSameWhateverTheChunking(
      @ForAll("headerLists") List<FrameHeader> headers,
      @ForAll @IntRange(min = 1, max = 100) int chunk) throws Exception {
    ByteBuf wire = Unpooled.buffer();
    for (FrameHeader header : headers) {
      FrameCodec.writeHeader(header, wire);
      if (header.type() == FrameHeader.TYPE_DATA) {
        for (long i = 0; i < header.length(); i++) {
          wire.writeByte((int) i);
        }
      }
    }
    List<FrameHeader> decoded = new ArrayList<>();
    List<Long> payloadSizes = new ArrayList<>();
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
    assertThat(decoded).isEqualTo(headers);
    assertThat(payloadSizes).isEqualTo(headers.stream()
        .filter(h -> h.type() == FrameHeader.TYPE_DATA).map(FrameHeader::length).toList());
    assertThat(in.isReadable()).isFalse();
    wire.release();
    in.release();
  }
}
