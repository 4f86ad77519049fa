package ai.hanzo.libp2p.mdns;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds peers in an mDNS response: each PTR answer for the service names an instance, whose TXT records (in the
 * answers or the additionals, where go-libp2p puts them) carry {@code dnsaddr=<multiaddr>/p2p/<id>} strings. The
 * first address with a peer id names the peer; addresses of another peer, without a peer id or unparsable are
 * skipped; our own instance and peer id are ignored.
 */
public final class ResponseReader {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseReader.class);

  private final DnsName service;
  private final DnsName ownInstance;
  private final PeerId self;

  public ResponseReader(MdnsConfig config, PeerId self) {
    this.service = config.service();
    this.ownInstance = config.instance();
    this.self = self;
  }

  public List<DiscoveredPeer> peers(DnsMessage response) {
    if (!response.isResponse() || response.opcode() != 0) {
      return List.of();
    }
    List<DiscoveredPeer> found = new ArrayList<>();
    for (DnsRecord answer : response.answers()) {
      if (answer.data() instanceof RecordData.Ptr ptr && answer.name().sameAs(service)
          && !ptr.target().sameAs(ownInstance)) {
        peer(response, ptr.target()).filter(p -> !p.peer().equals(self)).ifPresent(found::add);
      }
    }
    return found;
  }

  private Optional<DiscoveredPeer> peer(DnsMessage response, DnsName instance) {
    PeerId peer = null;
    Set<Multiaddr> addresses = new LinkedHashSet<>();
    List<DnsRecord> records = Stream.concat(response.answers().stream(), response.additionals().stream())
        .filter(r -> r.data() instanceof RecordData.Txt && r.name().sameAs(instance)).toList();
    for (DnsRecord record : records) {
      for (byte[] string : ((RecordData.Txt) record.data()).strings()) {
        Optional<Multiaddr> address = dnsaddr(string, instance);
        if (address.isEmpty()) {
          continue;
        }
        PeerId owner = PeerId.of(address.get()).orElseThrow();
        if (peer == null) {
          peer = owner;
        }
        if (owner.equals(peer)) {
          addresses.add(address.get().decapsulate("/p2p/" + peer));
        } else {
          LOG.debug("mDNS instance {} lists an address of {} as well as of {}; skipped", instance, owner, peer);
        }
      }
    }
    return peer == null ? Optional.empty() : Optional.of(new DiscoveredPeer(peer, List.copyOf(addresses)));
  }

  /** The multiaddr of a {@code dnsaddr=} string when it parses and ends in a peer id. */
  private static Optional<Multiaddr> dnsaddr(byte[] string, DnsName instance) {
    String text = new String(string, StandardCharsets.UTF_8);
    if (!text.startsWith(PeerAnnouncement.DNSADDR)) {
      return Optional.empty();
    }
    try {
      Multiaddr address = Multiaddr.parse(text.substring(PeerAnnouncement.DNSADDR.length()));
      if (address.p2pMultihash().isEmpty()) {
        LOG.debug("mDNS instance {} sent an address without /p2p: {}", instance, address);
        return Optional.empty();
      }
      return Optional.of(address);
    } catch (IllegalArgumentException e) {
      LOG.debug("mDNS instance {} sent an unusable address '{}': {}", instance, text, e.getMessage());
      return Optional.empty();
    }
  }
}
