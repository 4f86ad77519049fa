package ai.hanzo.node.iam;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One call as IAM sees it.
 *
 * @param method the RPC full name or {@code HTTP_METHOD /path}
 * @param resource what the call acts on (e.g. a deployment id), or {@code null}
 * @param resourceOrg the org owning that resource, or {@code null} when it has none
 */
public record CallContext(String method, String resource, String resourceOrg, InetAddress remoteAddress) {
  public CallContext {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
  }
}
