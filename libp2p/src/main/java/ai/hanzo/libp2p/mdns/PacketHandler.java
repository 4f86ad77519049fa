package ai.hanzo.libp2p.mdns;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do with one received mDNS packet: tell the listener of the peers in a response, or build the answer to a
 * query for our service. No I/O, so every rule here is testable without a network.
 */
final class PacketHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PacketHandler.class);

  /** A packet to send and where to. */
  record Reply(byte[] packet, InetSocketAddress recipient) {}

  private final PeerAnnouncement announcement;
  private final ResponseReader reader;
  private final Supplier<List<Multiaddr>> addresses;
  private final MdnsListener listener;

  PacketHandler(PeerAnnouncement announcement, ResponseReader reader, Supplier<List<Multiaddr>> addresses,
      MdnsListener listener) {
    this.announcement = announcement;
    this.reader = reader;
    this.addresses = addresses;
    this.listener = listener;
  }

  Optional<Reply> handle(byte[] packet, InetSocketAddress sender) {
    DnsMessage message;
    try {
      message = DnsMessageDecoder.decode(packet);
    } catch (DnsFormatException e) {
      LOG.debug("mDNS: ignoring a malformed packet from {}: {}", sender, e.getMessage());
      return Optional.empty();
    }
    if (message.isResponse()) {
      // RFC 6762 §6: a response not sent from port 5353 is not an mDNS response.
      if (sender.getPort() == MulticastChannel.PORT) {
        reader.peers(message).forEach(this::notifyListener);
      }
      return Optional.empty();
    }
    if (!announcement.asksForUs(message)) {
      return Optional.empty();
    }
    return announcement.response(addresses.get()).map(response -> reply(message, response, sender));
  }

  /**
   * Multicast, except to a querier on another port than 5353: that is a simple resolver that only hears a unicast
   * reply carrying its id and questions (RFC 6762 §6.7).
   */
  private static Reply reply(DnsMessage query, DnsMessage response, InetSocketAddress sender) {
    if (sender.getPort() == MulticastChannel.PORT) {
      return new Reply(DnsMessageEncoder.encode(response, true), MulticastChannel.GROUP);
    }
    DnsMessage unicast = new DnsMessage(query.id(), response.flags(), query.questions(), response.answers(),
        List.of(), List.of());
    return new Reply(DnsMessageEncoder.encode(unicast, true), sender);
  }

  private void notifyListener(DiscoveredPeer found) {
    try {
      listener.peerDiscovered(found.peer(), found.addresses());
    } catch (RuntimeException e) {
      LOG.warn("mDNS listener failed on {}", found.peer(), e);
    }
  }
}
