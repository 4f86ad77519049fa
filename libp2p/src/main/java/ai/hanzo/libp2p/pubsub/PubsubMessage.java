package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.peer.PeerId;

/**
 * A verified message as handlers and validators see it.
 *
 * @param author the peer that published (and signed) it
 * @param receivedFrom the peer we got it from (our own id for messages we published)
 * @param data the payload; callers must not modify it
 */
public record PubsubMessage(String topic, byte[] data, PeerId author, long seqno, MessageId id,
    PeerId receivedFrom) {}
