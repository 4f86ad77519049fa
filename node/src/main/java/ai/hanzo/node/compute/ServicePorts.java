package ai.hanzo.node.compute;

import ai.hanzo.node.error.NodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's {@code ports}, as Compose writes them ({@code [host_ip:][published:]target[/protocol]}, ranges
 * included). Replicas on this node share the host's network, so a port is reachable where the service listens: a
 * published port other than the target cannot be honoured and is refused rather than silently ignored. The result
 * is the list ContainerInfo reports, e.g. {@code 8080/tcp}.
 */
final class ServicePorts {
  private static final String HOST_IP = "\\[[0-9a-fA-F:]+\\]|\\d{1,3}(?:\\.\\d{1,3}){3}";
  private static final String PORTS = "\\d+(?:-\\d+)?";
  private static final Pattern PORT = Pattern.compile(
      "(?:(" + HOST_IP + "):)?(?:(" + PORTS + "):)?(" + PORTS + ")(?:/(tcp|udp|sctp))?");

  private ServicePorts() {}

  static List<String> parse(List<String> ports, String field) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      String where = field + "[" + i + "]";
      Matcher m = PORT.matcher(ports.get(i).trim());
      if (!m.matches()) {
        throw NodeException.invalidField(where, "'" + ports.get(i) + "' is not [host_ip:][published:]target"
            + "[/tcp|udp]");
      }
      String target = m.group(3);
      range(target, where, ports.get(i));
      if (m.group(2) != null && !m.group(2).equals(target)) {
        throw NodeException.invalidField(where, "'" + ports.get(i) + "' maps port " + m.group(2) + " to " + target
            + ", but containers on this node share the host's network: publish the port the service listens on ("
            + target + ":" + target + " or just " + target + ")");
      }
      out.add(target + "/" + (m.group(4) == null ? "tcp" : m.group(4)));
    }
    return out;
  }

  private static void range(String ports, String where, String text) {
    String[] ends = ports.split("-");
    int first = Integer.parseInt(ends[0]);
    int last = Integer.parseInt(ends[ends.length - 1]);
    if (first < 1 || last > 65535 || last < first) {
      throw NodeException.invalidField(where, "'" + text + "' names ports outside 1-65535");
    }
  }
}
