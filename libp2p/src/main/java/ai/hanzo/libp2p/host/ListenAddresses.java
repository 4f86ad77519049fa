package ai.hanzo.libp2p.host;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Turns a bound address into the addresses peers can dial: a wildcard becomes every interface's. */
final class ListenAddresses {
  private ListenAddresses() {}

  static List<Multiaddr> dialable(Multiaddr bound) {
    InetSocketAddress socket = bound.toInetSocketAddress();
    InetAddress ip = socket.getAddress();
    if (!ip.isAnyLocalAddress()) {
      return List.of(bound);
    }
    // A socket asked to bind 0.0.0.0 may come up dual-stack and report "::"; it then accepts IPv4 as well.
    boolean v6Too = !(ip instanceof Inet4Address);
    List<Multiaddr> out = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp()) {
          continue;
        }
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if ((a instanceof Inet4Address || v6Too) && !a.isLinkLocalAddress()) {
            out.add(Multiaddr.fromTcpAddress(new InetSocketAddress(a, socket.getPort())));
          }
        }
      }
    } catch (SocketException e) {
      return List.of(bound);
    }
    return out.isEmpty() ? List.of(bound) : out;
  }
}
