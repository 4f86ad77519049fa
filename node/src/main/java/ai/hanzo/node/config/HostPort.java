package ai.hanzo.node.config;

import java.net.InetSocketAddress;

/** A listen address such as {@code 127.0.0.1:50051}, {@code [::1]:8080} or {@code :8080} (all interfaces). */
public record HostPort(String host, int port) {
  public static final String EXPECTED = "host:port with a port from 0 to 65535 (e.g. 127.0.0.1:50051)";

  public HostPort {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range");
    }
  }

  public static HostPort parse(String text) {
    String t = text.trim();
    int colon = t.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("missing ':port'");
    }
    String host = t.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("IPv6 hosts must be in brackets, e.g. [::1]:8080");
    }
    if (host.isEmpty()) {
      host = "0.0.0.0";
    }
    int port;
    try {
      port = Integer.parseInt(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port is not a number");
    }
    return new HostPort(host, port);
  }

  public InetSocketAddress toSocketAddress() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
