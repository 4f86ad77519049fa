package ai.hanzo.libp2p.yamux;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Malformed input may only end in a {@link YamuxProtocolException} (decoder) or a go-away and a
 * closed connection (muxer); never another exception. Runs over the seed corpus in normal builds.
 */
class YamuxFuzzTest {
  private static final int MAX_FRAME = 64 * 1024;

  @FuzzTest
  void frameDecoder(byte[] input) {
    FrameDecoder decoder = new FrameDecoder(MAX_FRAME);
    ByteBuf in = Unpooled.buffer();
    FrameDecoder.Sink sink = new FrameDecoder.Sink() {
      @Override
      public void onDataHeader(FrameHeader header) throws YamuxProtocolException {
        assertThat(header.length()).isLessThanOrEqualTo(MAX_FRAME);
      }

      @Override
      public void onData(FrameHeader header, ByteBuf payload) {
        assertThat((long) payload.readableBytes()).isEqualTo(header.length());
        payload.release();
      }

      @Override
      public void onControl(FrameHeader header) {
        assertThat(header.type()).isBetween(FrameHeader.TYPE_WINDOW_UPDATE,
            FrameHeader.TYPE_GO_AWAY);
      }
    };
    try {
      int split = input.length / 2;
      in.writeBytes(input, 0, split);
      decoder.decode(in, sink);
      in.discardReadBytes();
      in.writeBytes(input, split, input.length - split);
      decoder.decode(in, sink);
      assertThat(in.readableBytes()).isLessThan(FrameHeader.LENGTH + MAX_FRAME);
    } catch (YamuxProtocolException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    } finally {
      in.release();
    }
  }

  @FuzzTest
  void muxer(byte[] input) {
    EmbeddedYamux yamux = EmbeddedYamux.responder();
    try {
      int split = input.length / 3;
      yamux.receive(Unpooled.wrappedBuffer(input, 0, split));
      for (var stream : yamux.accepted) {
        if (stream.handler() == null) {
          stream.setHandler(new RecordingHandler(false));
        }
      }
      if (yamux.channel.isOpen()) {
        yamux.receive(Unpooled.wrappedBuffer(input, split, input.length - split));
      }
      List<FrameHeader> sent = yamux.sent();
      if (!yamux.channel.isOpen()) {
        assertThat(sent).last().extracting(FrameHeader::type).isEqualTo(FrameHeader.TYPE_GO_AWAY);
      }
    } finally {
      yamux.channel.finishAndReleaseAll();
    }
  }
}
