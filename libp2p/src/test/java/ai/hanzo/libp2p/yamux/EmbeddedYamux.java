package ai.hanzo.libp2p.yamux;

import ai.hanzo.libp2p.mux.MuxedStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/** A {@link YamuxMuxer} on an {@link EmbeddedChannel}, fed and read as raw frames. */
final class EmbeddedYamux {
  final EmbeddedChannel channel = new EmbeddedChannel();
  final YamuxMuxer muxer;
  final List<MuxedStream> accepted = new ArrayList<>();

  EmbeddedYamux(YamuxConfig config, boolean initiator) {
    muxer = new YamuxMuxer(channel, config, initiator, accepted::add);
    channel.pipeline().addLast(muxer);
  }

  /** A responder without keep-alive. */
  static EmbeddedYamux responder() {
    return new EmbeddedYamux(YamuxConfig.defaults().withKeepAliveInterval(java.time.Duration.ZERO),
        false);
  }

  static ByteBuf frame(int type, int flags, long streamId, long length, byte[] payload) {
    ByteBuf buf = Unpooled.buffer();
    FrameCodec.writeHeader(new FrameHeader(type, flags, streamId, length), buf);
    if (payload != null) {
      buf.writeBytes(payload);
    }
    return buf;
  }

  static ByteBuf rawHeader(int version, int type, int flags, long streamId, long length) {
    ByteBuf buf = Unpooled.buffer();
    buf.writeByte(version).writeByte(type).writeShort(flags).writeInt((int) streamId)
        .writeInt((int) length);
    return buf;
  }

  void receive(int type, int flags, long streamId, long length, byte[] payload) {
    channel.writeInbound(frame(type, flags, streamId, length, payload));
    channel.runPendingTasks();
  }

  void receive(ByteBuf bytes) {
    channel.writeInbound(bytes);
    channel.runPendingTasks();
  }

  /** Everything written so far, parsed back into frames (payloads dropped, lengths kept). */
  List<FrameHeader> sent() {
    channel.runPendingTasks();
    ByteBuf all = Unpooled.buffer();
    ByteBuf out;
    while ((out = channel.readOutbound()) != null) {
      all.writeBytes(out);
      out.release();
    }
    List<FrameHeader> frames = new ArrayList<>();
    try {
      while (all.readableBytes() >= FrameHeader.LENGTH) {
        FrameHeader header = FrameCodec.readHeader(all, Integer.MAX_VALUE);
        if (header.type() == FrameHeader.TYPE_DATA) {
          all.skipBytes((int) header.length());
        }
        frames.add(header);
      }
    } catch (YamuxProtocolException e) {
      throw new AssertionError("muxer wrote a malformed frame", e);
    } finally {
      all.release();
    }
    return frames;
  }
}
