package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multiformats.Varint;
import ai.hanzo.libp2p.mux.MuxedStream;
import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import ai.hanzo.libp2p.peer.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A peer that speaks meshsub by hand, without a router: it writes whatever RPC bytes a test
 * wants and records every RPC the other side sends it.
 */
final class RawPubsubPeer implements AutoCloseable {
  final Ed25519PrivateKey key = Ed25519PrivateKey.generate();
  final Host host = new Host(HostConfig.defaults(key).withIoThreads(1));
  final List<RpcProto.RPC> received = new CopyOnWriteArrayList<>();
  private MuxedStream out;

  RawPubsubPeer() {
    host.addProtocolHandler(Gossipsub.MESHSUB_V11, () -> new InboundRpcHandler(1 << 22,
        new InboundRpcHandler.Target() {
          @Override
          public void opened(MuxedStream stream) {}

          @Override
          public void rpc(MuxedStream stream, RpcProto.RPC rpc) {
            received.add(rpc);
          }

          @Override
          public void violation(MuxedStream stream, String what) {
            throw new IllegalStateException("the router broke the protocol: " + what);
          }
        }));
  }

  PeerId peerId() {
    return host.peerId();
  }

  void connect(Multiaddr target) throws Exception {
    PeerId peer = PeerId.of(target).orElseThrow();
    host.dial(target).get(10, TimeUnit.SECONDS);
    out = host.newStream(peer, Gossipsub.MESHSUB_V11).get(10, TimeUnit.SECONDS);
    out.setHandler((s, data) -> data.release());
  }

  void send(RpcProto.RPC rpc) {
    writeFrame(rpc.toByteArray());
  }

  void writeFrame(byte[] body) {
    ByteBuf frame = Unpooled.buffer(body.length + Varint.MAX_BYTES);
    Varint.write(body.length, frame);
    out.write(frame.writeBytes(body));
  }

  long prunesFor(String topic) {
    return received.stream().flatMap(r -> r.getControl().getPruneList().stream())
        .filter(p -> p.getTopicID().equals(topic)).count();
  }

  long messages(String data) {
    return received.stream().flatMap(r -> r.getPublishList().stream())
        .filter(m -> m.getData().toStringUtf8().equals(data)).count();
  }

  @Override
  public void close() {
    host.close();
  }
}
