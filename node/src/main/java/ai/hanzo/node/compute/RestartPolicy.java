package ai.hanzo.node.compute;

import ai.hanzo.node.error.NodeException;

/**
 * A Compose {@code restart} policy: {@code no}, {@code always}, {@code on-failure[:N]} or {@code unless-stopped}.
 * {@code maxRetries} 0 means unbounded (only meaningful for on-failure). A deployment the user stopped is never
 * restarted whatever the policy, so {@code always} and {@code unless-stopped} behave alike on this node.
 */
public record RestartPolicy(Kind kind, int maxRetries) {
  public enum Kind { NO, ALWAYS, ON_FAILURE, UNLESS_STOPPED }

  public static final RestartPolicy NO = new RestartPolicy(Kind.NO, 0);

  /** Parses the Compose text; empty means {@code no}. */
  public static RestartPolicy parse(String text, String field) {
    String t = text == null ? "" : text.trim();
    switch (t) {
      case "", "no":
        return NO;
      case "always":
        return new RestartPolicy(Kind.ALWAYS, 0);
      case "unless-stopped":
        return new RestartPolicy(Kind.UNLESS_STOPPED, 0);
      case "on-failure":
        return new RestartPolicy(Kind.ON_FAILURE, 0);
      default:
        break;
    }
    if (t.startsWith("on-failure:")) {
      try {
        int n = Integer.parseInt(t.substring("on-failure:".length()));
        if (n > 0) {
          return new RestartPolicy(Kind.ON_FAILURE, n);
        }
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw NodeException.invalidField(field, "unknown restart policy '" + t
        + "'; use no, always, on-failure[:N] (N > 0) or unless-stopped");
  }

  /** Whether a container that exited with {@code exitCode} after {@code restarts} restarts gets another one. */
  public boolean restarts(int exitCode, int restarts) {
    return switch (kind) {
      case NO -> false;
      case ALWAYS, UNLESS_STOPPED -> true;
      case ON_FAILURE -> exitCode != 0 && (maxRetries == 0 || restarts < maxRetries);
    };
  }
}
