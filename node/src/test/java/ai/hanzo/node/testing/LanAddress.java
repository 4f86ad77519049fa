package ai.hanzo.node.testing;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * This machine's IPv4 address on the interface of its default route, for tests that reach a node as a remote client
 * would. Not simply "the first non-loopback address": other tests running at the same time add and remove bridges
 * and veth pairs (network-namespace tests, container engines), and an address on one of those can vanish mid-test.
 */
public final class LanAddress {
  private LanAddress() {
  }

  /** Empty when the machine has no default route with an IPv4 address (then the test skips). */
  public static Optional<InetAddress> find() {
    try {
      Optional<String> nic = defaultRouteInterface();
      if (nic.isEmpty()) {
        return Optional.empty();
      }
      NetworkInterface found = NetworkInterface.getByName(nic.get());
      if (found == null || !found.isUp()) {
        return Optional.empty();
      }
      return found.inetAddresses().filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()
          && !a.isLinkLocalAddress()).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The interface whose route has destination 0.0.0.0 in /proc/net/route (Linux; elsewhere empty). */
  private static Optional<String> defaultRouteInterface() throws IOException {
    Path routes = Path.of("/proc/net/route");
    if (!Files.isReadable(routes)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(routes);
    return lines.stream().skip(1).map(l -> l.trim().split("\\s+")).filter(f -> f.length > 1 && f[1].equals("00000000"))
        .map(f -> f[0]).findFirst();
  }
}
