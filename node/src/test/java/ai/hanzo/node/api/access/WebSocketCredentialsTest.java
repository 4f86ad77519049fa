package ai.hanzo.node.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.iam.Credentials;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The dashboard's WebSocket credential, offered as a subprotocol, and how it ranks below the headers. */
class WebSocketCredentialsTest {
  private static final String KEY = "hzk_" + "a".repeat(43);
  private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40000);

  @Test
  void anApiKeyOrABearerTokenOfferedAsASubprotocolIsTheCallersCredential() {
    Credentials key = credentials(RequestHeaders.builder(HttpMethod.GET, "/ws/metrics")
        .add("sec-websocket-protocol", "hanzo.v1, hanzo.key." + KEY).build());
    assertThat(key.apiKey()).isEqualTo(KEY);
    assertThat(key.bearerToken()).isNull();
    Credentials bearer = credentials(RequestHeaders.builder(HttpMethod.GET, "/ws/logs/d1")
        .add("sec-websocket-protocol", "hanzo.v1,hanzo.bearer.eyJh.eyJz.c2ln").build());
    assertThat(bearer.bearerToken()).isEqualTo("eyJh.eyJz.c2ln");
    assertThat(bearer.apiKey()).isNull();
  }

  @Test
  void theHeadersWinAndOtherSubprotocolsCarryNothing() {
    Credentials headerWins = credentials(RequestHeaders.builder(HttpMethod.GET, "/ws/metrics")
        .add("x-api-key", "hzk_header").add("sec-websocket-protocol", "hanzo.v1, hanzo.key." + KEY).build());
    assertThat(headerWins.apiKey()).isEqualTo("hzk_header");
    Credentials authorizationWins = credentials(RequestHeaders.builder(HttpMethod.GET, "/ws/metrics")
        .add("authorization", "Bearer tok").add("sec-websocket-protocol", "hanzo.key." + KEY).build());
    assertThat(authorizationWins.apiKey()).isNull();
    assertThat(authorizationWins.bearerToken()).isEqualTo("tok");
    for (String offered : new String[] {"hanzo.v1", "chat, superchat", "hanzo.key.", "hanzo.bearer.", "", " , ,"}) {
      Credentials none = credentials(RequestHeaders.builder(HttpMethod.GET, "/ws/metrics")
          .add("sec-websocket-protocol", offered).build());
      assertThat(none.apiKey()).as(offered).isNull();
      assertThat(none.bearerToken()).as(offered).isNull();
    }
  }

  @Test
  void theSelectedSubprotocolIsNeverTheCredential() {
    assertThat(WebSocketCredentials.PROTOCOL).isEqualTo("hanzo.v1");
    assertThat(WebSocketCredentials.parse("hanzo.v1")).isEqualTo(WebSocketCredentials.Offered.NONE);
    assertThat(WebSocketCredentials.parse(null)).isEqualTo(WebSocketCredentials.Offered.NONE);
  }

  private static Credentials credentials(RequestHeaders headers) {
    return AccessDecorator.credentials(headers, REMOTE, null);
  }
}
