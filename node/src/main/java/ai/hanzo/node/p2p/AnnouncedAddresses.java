package ai.hanzo.node.p2p;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multiformats.Protocol;
import ai.hanzo.node.p2p.gossip.PayloadLimits;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The p2p addresses a heartbeat names: those peers can dial. A wildcard (0.0.0.0, ::) is nobody's address, and a
 * loopback one reaches only this machine: it is announced only when the node has nothing else (nodes on one host,
 * as in tests), else a peer elsewhere would waste its dial on its own loopback. At most
 * {@link PayloadLimits#MAX_P2P_ADDRESSES}, each at most {@link PayloadLimits#MAX_TEXT} characters, so receivers never
 * reject our heartbeat.
 */
public final class AnnouncedAddresses {
  private AnnouncedAddresses() {}

  public static List<String> of(List<Multiaddr> listening) {
    List<String> routable = new ArrayList<>();
    List<String> loopback = new ArrayList<>();
    for (Multiaddr a : listening) {
      String text = a.toString();
      if (text.length() > PayloadLimits.MAX_TEXT || text.contains("/p2p/")) {
        continue;
      }
      InetAddress ip = ipOf(a);
      if (ip != null && ip.isAnyLocalAddress()) {
        continue;
      }
      (ip != null && ip.isLoopbackAddress() ? loopback : routable).add(text);
    }
    List<String> chosen = routable.isEmpty() ? loopback : routable;
    return List.copyOf(chosen.stream().distinct().limit(PayloadLimits.MAX_P2P_ADDRESSES).toList());
  }

  /** The IP of an /ip4 or /ip6 address; null for DNS names and other transports (announced as they are). */
  private static InetAddress ipOf(Multiaddr a) {
    for (var c : a.components()) {
      if (c.protocol() == Protocol.IP4 || c.protocol() == Protocol.IP6) {
        try {
          return InetAddress.getByAddress(c.value());
        } catch (UnknownHostException e) {
          return null;
        }
      }
    }
    return null;
  }
}
