package ai.hanzo.libp2p.kad;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multiformats.MultiaddrComponent;
import ai.hanzo.libp2p.multiformats.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which addresses of a peer we hand out in DHT answers. On the public network, loopback and
 * private addresses only mislead the requester; local networks and tests need them.
 */
@FunctionalInterface
public interface AddressFilter {
  /** Hands out everything (local networks, tests; what js-peer does with passthroughMapper). */
  AddressFilter PASSTHROUGH = addresses -> addresses;

  /** Drops loopback, private, link-local and unspecified IP addresses; keeps DNS names. */
  AddressFilter PUBLIC_ONLY = addresses -> addresses.stream()
      .filter(AddressFilter::isPublic).toList();

  List<Multiaddr> filter(List<Multiaddr> addresses);

  private static boolean isPublic(Multiaddr address) {
    MultiaddrComponent first = address.components().get(0);
    if (first.protocol() != Protocol.IP4 && first.protocol() != Protocol.IP6) {
      return true;
    }
    try {
      InetAddress ip = InetAddress.getByAddress(first.value());
      return !(ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress()
          || ip.isAnyLocalAddress() || (first.value()[0] & 0xFE) == 0xFC);
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
