package ai.hanzo.node.api.access;

/**
 * How a browser authenticates a WebSocket. The browser's WebSocket API cannot set {@code x-api-key} or
 * {@code authorization}, and a credential in the URL would end up in histories and proxy logs, so the dashboard
 * offers it as a subprotocol of the upgrade ({@code Sec-WebSocket-Protocol: hanzo.v1, hanzo.key.hzk_...} or
 * {@code hanzo.bearer.<JWT>}); the node selects {@link #PROTOCOL}, never echoes the credential. API keys and JWTs
 * are made of characters a subprotocol token may hold, so neither is re-encoded. Read only when the request has
 * neither header: it is one more place for the same credential, not a weaker one (the Origin rule of
 * {@link BrowserRequestGuard} still applies to the upgrade).
 */
public final class WebSocketCredentials {
  /** The subprotocol every WebSocket route selects when the client offers it. */
  public static final String PROTOCOL = "hanzo.v1";
  static final String HEADER = "sec-websocket-protocol";
  private static final String KEY_PREFIX = "hanzo.key.";
  private static final String BEARER_PREFIX = "hanzo.bearer.";

  /** An API key or a bearer token offered as a subprotocol; both null when none is. */
  record Offered(String apiKey, String bearerToken) {
    static final Offered NONE = new Offered(null, null);
  }

  private WebSocketCredentials() {}

  /** The first credential among the offered subprotocols (a comma-separated header value, or {@code null}). */
  static Offered parse(String header) {
    if (header == null) {
      return Offered.NONE;
    }
    for (String protocol : header.split(",")) {
      String p = protocol.trim();
      if (p.startsWith(KEY_PREFIX) && p.length() > KEY_PREFIX.length()) {
        return new Offered(p.substring(KEY_PREFIX.length()), null);
      }
      if (p.startsWith(BEARER_PREFIX) && p.length() > BEARER_PREFIX.length()) {
        return new Offered(null, p.substring(BEARER_PREFIX.length()));
      }
    }
    return Offered.NONE;
  }
}
