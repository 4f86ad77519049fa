package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.multiformats.VarintFrames;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.mux.StreamHandler;
import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Reads one inbound pubsub stream on its event loop: splits frames, parses RPCs (bounded by the
 * frame limit) and hands them to the router's thread. Oversized frames and bytes that are no RPC
 * are reported as protocol violations; a broken length prefix resets the stream.
 */
final class InboundRpcHandler implements StreamHandler {
  /** Where decoded input goes; implementations hop to the router's thread. */
  interface Target {
    void opened(MuxedStream stream);

    void rpc(MuxedStream stream, RpcProto.RPC rpc);

    void violation(MuxedStream stream, String what);
  }

  private final VarintFrames decoder;
  private final Target target;

  InboundRpcHandler(int maxRpcSize, Target target) {
    this.decoder = new VarintFrames(maxRpcSize);
    this.target = target;
  }

  @Override
  public void onActive(MuxedStream stream) {
    target.opened(stream);
  }

  @Override
  public void onData(MuxedStream stream, ByteBuf data) {
    List<byte[]> frames;
    try {
      frames = decoder.add(data,
          length -> target.violation(stream, "RPC frame of " + length + " bytes over the limit"));
    } catch (IllegalArgumentException e) {
      target.violation(stream, "RPC " + e.getMessage());
      decoder.release();
      stream.reset();
      return;
    }
    for (byte[] frame : frames) {
      try {
        target.rpc(stream, RpcProto.RPC.parseFrom(frame));
      } catch (InvalidProtocolBufferException e) {
        target.violation(stream, "malformed RPC: " + e.getMessage());
      }
    }
  }

  @Override
  public void onRemoteClose(MuxedStream stream) {
    stream.close();
  }

  @Override
  public void onClosed(MuxedStream stream) {
    decoder.release();
  }
}
