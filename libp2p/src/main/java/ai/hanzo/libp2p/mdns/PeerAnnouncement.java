package ai.hanzo.libp2p.mdns;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multiformats.MultiaddrComponent;
import ai.hanzo.libp2p.multiformats.Protocol;
import ai.hanzo.libp2p.peer.PeerId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our answer to a {@code _p2p._udp.local} query, shaped as js-libp2p's: a PTR from the service to our instance name
 * and one {@code dnsaddr=<multiaddr>/p2p/<id>} TXT record per LAN address, all in the answer section. Like js it
 * sends no SRV, A or AAAA records: the TXT strings carry everything, and the SRV/A form of the older spec could not
 * describe more than one transport.
 */
public final class PeerAnnouncement {
  private static final Logger LOG = LoggerFactory.getLogger(PeerAnnouncement.class);
  static final String DNSADDR = "dnsaddr=";
  /** Room kept for the header and the PTR when filling a response up to the mDNS size limit. */
  private static final int RESERVED_BYTES = 12 + 2 * 255 + 64;
  /** What one TXT record adds besides its string: a compressed name, type, class, TTL, length and length byte. */
  private static final int TXT_OVERHEAD = 2 + 10 + 1;

  private final MdnsConfig config;
  private final PeerId self;

  public PeerAnnouncement(MdnsConfig config, PeerId self) {
    this.config = config;
    this.self = self;
  }

  /** Whether any question of {@code query} asks for our service's PTR records (or for any type). */
  public boolean asksForUs(DnsMessage query) {
    DnsName service = config.service();
    return !query.isResponse() && query.opcode() == 0 && query.questions().stream().anyMatch(q ->
        q.name().sameAs(service) && (q.type() == RecordData.TYPE_PTR || q.type() == RecordData.TYPE_ANY));
  }

  /** The response for {@code addresses} ({@code /p2p/<us>} is added where missing); empty when none is on a LAN. */
  public Optional<DnsMessage> response(List<Multiaddr> addresses) {
    long ttl = config.ttl().toSeconds();
    DnsName instance = config.instance();
    List<DnsRecord> answers = new ArrayList<>();
    answers.add(DnsRecord.in(config.service(), ttl, new RecordData.Ptr(instance)));
    int bytes = RESERVED_BYTES;
    for (Multiaddr address : addresses) {
      if (!isLanAddress(address)) {
        continue;
      }
      Multiaddr full = address.p2pMultihash().isPresent() ? address : address.encapsulate("/p2p/" + self);
      byte[] txt = (DNSADDR + full).getBytes(StandardCharsets.UTF_8);
      if (txt.length > RecordData.MAX_TXT_STRING) {
        LOG.debug("{} is too long for an mDNS TXT string ({} bytes); not announced", address, txt.length);
        continue;
      }
      bytes += txt.length + TXT_OVERHEAD;
      if (bytes > DnsMessage.MDNS_MAX_BYTES) {
        LOG.debug("mDNS response full; {} and later addresses not announced", address);
        break;
      }
      answers.add(DnsRecord.in(instance, ttl, new RecordData.Txt(List.of(txt))));
    }
    return answers.size() == 1 ? Optional.empty() : Optional.of(DnsMessage.response(answers, List.of()));
  }

  /** Loopback, private, link-local and unique-local IP addresses: those a LAN peer might reach, as js announces. */
  static boolean isLanAddress(Multiaddr address) {
    if (address.components().isEmpty()) {
      return false;
    }
    MultiaddrComponent first = address.components().get(0);
    if (first.protocol() != Protocol.IP4 && first.protocol() != Protocol.IP6) {
      return false;
    }
    InetAddress ip;
    try {
      ip = InetAddress.getByAddress(first.value());
    } catch (UnknownHostException e) {
      return false;
    }
    byte[] b = ip.getAddress();
    boolean uniqueLocal = b.length == 16 && (b[0] & 0xFE) == 0xFC;
    boolean sharedAddressSpace = b.length == 4 && (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64;
    return ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress() || uniqueLocal
        || sharedAddressSpace;
  }
}
