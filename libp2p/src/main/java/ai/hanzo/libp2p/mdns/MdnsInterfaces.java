package ai.hanzo.libp2p.mdns;

import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Picks the network interfaces mDNS runs on. */
final class MdnsInterfaces {
  private MdnsInterfaces() {}

  /**
   * The interfaces named, or, when none are, every interface that is up, multicast-capable, not point-to-point and
   * has an IPv4 address.
   *
   * @throws IllegalArgumentException when a named interface does not exist or is down
   */
  static List<NetworkInterface> select(List<String> names) throws SocketException {
    if (names.isEmpty()) {
      List<NetworkInterface> chosen = new ArrayList<>();
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (nic.isUp() && nic.supportsMulticast() && !nic.isPointToPoint() && hasIpv4(nic)) {
          chosen.add(nic);
        }
      }
      return chosen;
    }
    List<NetworkInterface> chosen = new ArrayList<>();
    for (String name : names) {
      NetworkInterface nic = NetworkInterface.getByName(name);
      if (nic == null) {
        throw new IllegalArgumentException("mDNS: no network interface named '" + name + "'; have "
            + Collections.list(NetworkInterface.getNetworkInterfaces()).stream().map(NetworkInterface::getName)
                .toList());
      }
      if (!nic.isUp()) {
        throw new IllegalArgumentException("mDNS: network interface '" + name + "' is down");
      }
      chosen.add(nic);
    }
    return chosen;
  }

  private static boolean hasIpv4(NetworkInterface nic) {
    return Collections.list(nic.getInetAddresses()).stream().anyMatch(a -> a instanceof Inet4Address);
  }
}
