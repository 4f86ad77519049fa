package ai.hanzo.libp2p.host.protocol.identify;

import ai.hanzo.libp2p.crypto.KeyFormatException;
import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multiformats.MultiformatException;
import ai.hanzo.libp2p.pb.identify.IdentifyProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Identify protobuf (without its length prefix) to and from {@link IdentifyMessage}. */
public final class IdentifyCodec {
  private IdentifyCodec() {}

  public static byte[] encode(IdentifyMessage message) {
    IdentifyProto.Identify.Builder out = IdentifyProto.Identify.newBuilder()
        .setProtocolVersion(message.protocolVersion())
        .setAgentVersion(message.agentVersion())
        .addAllProtocols(message.protocols());
    message.key().ifPresent(k -> out.setPublicKey(ByteString.copyFrom(k.marshal())));
    message.listenAddrs().forEach(a -> out.addListenAddrs(ByteString.copyFrom(a.toBytes())));
    message.observed().ifPresent(a -> out.setObservedAddr(ByteString.copyFrom(a.toBytes())));
    return out.build().toByteArray();
  }

  /**
   * Decodes one message. Addresses this library cannot parse (other transports) are skipped; a
   * malformed protobuf or public key is an error.
   */
  public static IdentifyMessage decode(byte[] bytes) throws IdentifyException {
    IdentifyProto.Identify in;
    try {
      in = IdentifyProto.Identify.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IdentifyException("malformed Identify protobuf: " + e.getMessage(), e);
    }
    PublicKey key = null;
    if (in.hasPublicKey()) {
      try {
        key = PublicKey.unmarshal(in.getPublicKey().toByteArray());
      } catch (KeyFormatException e) {
        throw new IdentifyException("bad public key in Identify: " + e.getMessage(), e);
      }
    }
    List<Multiaddr> listen = new ArrayList<>();
    in.getListenAddrsList().forEach(a -> parse(a).ifPresent(listen::add));
    Multiaddr observed = in.hasObservedAddr() ? parse(in.getObservedAddr()).orElse(null) : null;
    return new IdentifyMessage(in.getProtocolVersion(), in.getAgentVersion(), key, listen,
        observed, in.getProtocolsList());
  }

  private static Optional<Multiaddr> parse(ByteString bytes) {
    try {
      return Optional.of(Multiaddr.fromBytes(bytes.toByteArray()));
    } catch (MultiformatException e) {
      return Optional.empty();
    }
  }
}
