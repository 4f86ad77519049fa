package ai.hanzo.libp2p.kad.wire;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.pb.kad.DhtProto;
import ai.hanzo.libp2p.peer.PeerId;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;

/** Converts {@link DhtMessage} to and from its protobuf bytes (without the length prefix). */
public final class DhtCodec {
  private DhtCodec() {}

  public static byte[] encode(DhtMessage message) {
    DhtProto.Message.Builder b = DhtProto.Message.newBuilder()
        .setTypeValue(message.type().ordinal())
        .setClusterLevelRaw(message.clusterLevel())
        .setKey(ByteString.copyFrom(message.key()));
    message.recordIfPresent().ifPresent(r -> b.setRecord(DhtProto.Record.newBuilder()
        .setKey(ByteString.copyFrom(r.key()))
        .setValue(ByteString.copyFrom(r.value()))
        .setTimeReceived(r.timeReceived())));
    message.closerPeers().forEach(p -> b.addCloserPeers(encode(p)));
    message.providerPeers().forEach(p -> b.addProviderPeers(encode(p)));
    return b.build().toByteArray();
  }

  private static DhtProto.Message.Peer encode(DhtPeer peer) {
    DhtProto.Message.Peer.Builder b = DhtProto.Message.Peer.newBuilder()
        .setId(ByteString.copyFrom(peer.id().toBytes()))
        .setConnectionValue(peer.connection().ordinal());
    peer.addresses().forEach(a -> b.addAddrs(ByteString.copyFrom(a.toBytes())));
    return b.build();
  }

  /**
   * Decodes one message. Addresses we cannot parse (transports we do not know) are skipped, as a
   * peer may legitimately advertise them; everything else malformed is an error.
   */
  public static DhtMessage decode(byte[] bytes) throws DhtProtocolException {
    DhtProto.Message m;
    try {
      m = DhtProto.Message.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new DhtProtocolException("undecodable DHT message: " + e.getMessage(), e);
    }
    MessageType type = enumValue(MessageType.values(), m.getTypeValue(), "message type");
    DhtRecord record = m.hasRecord()
        ? new DhtRecord(m.getRecord().getKey().toByteArray(),
            m.getRecord().getValue().toByteArray(), m.getRecord().getTimeReceived())
        : null;
    return new DhtMessage(type, m.getClusterLevelRaw(), m.getKey().toByteArray(), record,
        decode(m.getCloserPeersList()), decode(m.getProviderPeersList()));
  }

  private static List<DhtPeer> decode(List<DhtProto.Message.Peer> peers)
      throws DhtProtocolException {
    List<DhtPeer> out = new ArrayList<>(peers.size());
    for (DhtProto.Message.Peer p : peers) {
      PeerId id;
      try {
        id = PeerId.fromBytes(p.getId().toByteArray());
      } catch (IllegalArgumentException e) {
        throw new DhtProtocolException("invalid peer id in DHT message: " + e.getMessage(), e);
      }
      List<Multiaddr> addresses = new ArrayList<>(p.getAddrsCount());
      for (ByteString a : p.getAddrsList()) {
        try {
          addresses.add(Multiaddr.fromBytes(a.toByteArray()));
        } catch (IllegalArgumentException unknownTransport) {
          // Skipped: see decode(byte[]).
        }
      }
      ConnectionType connection =
          enumValue(ConnectionType.values(), p.getConnectionValue(), "connection type");
      out.add(new DhtPeer(id, addresses, connection));
    }
    return out;
  }

  private static <E extends Enum<E>> E enumValue(E[] values, int number, String what)
      throws DhtProtocolException {
    if (number < 0 || number >= values.length) {
      throw new DhtProtocolException("unknown DHT " + what + " " + number);
    }
    return values[number];
  }
}
