package ai.hanzo.node.p2p.gossip;

/** Turns one kind of gossip payload into bytes and back; implemented where the wire types live (the api layer). */
public interface PayloadCodec<T extends GossipPayload> {
  byte[] encode(T payload);

  /** @throws MalformedPayloadException for anything that is not a complete, well-formed payload */
  T decode(byte[] bytes);
}
