package ai.hanzo.node.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * A node without IAM serves every caller as admin, so it must never listen beyond loopback by accident: without
 * IAM, a non-loopback listen address needs the explicit {@code --insecure-allow-remote}. The CLI checks it while
 * parsing (exit code 2) and the API servers check it again before binding, so no caller of the node can skip it.
 */
public final class RemoteBindRule {
  private RemoteBindRule() {}

  /** @throws ConfigException naming the first address that is not loopback */
  public static void check(boolean iamEnabled, boolean insecureAllowRemote, List<HostPort> listenAddresses) {
    if (iamEnabled || insecureAllowRemote) {
      return;
    }
    for (HostPort address : listenAddresses) {
      if (!isLoopback(address.host())) {
        throw new ConfigException("refusing to listen on " + address + " with IAM disabled: enable IAM "
            + "(--iam-enabled) or bind 127.0.0.1, or accept unauthenticated remote callers with "
            + "--insecure-allow-remote");
      }
    }
  }

  /** Every address a name resolves to must be loopback; a name that does not resolve is not trusted. */
  private static boolean isLoopback(String host) {
    try {
      InetAddress[] all = InetAddress.getAllByName(host);
      for (InetAddress a : all) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return all.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
