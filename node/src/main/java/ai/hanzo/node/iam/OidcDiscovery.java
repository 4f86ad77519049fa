package ai.hanzo.node.iam;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

/** Reads {@code jwks_uri} from an issuer's {@code /.well-known/openid-configuration}. */
final class OidcDiscovery {
  private static final int MAX_DOCUMENT_CHARS = 256 * 1024;

  private OidcDiscovery() {}

  static URI jwksUri(String issuer, int timeoutMillis) throws KeySourceException {
    URI document = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(timeoutMillis)).build();
    HttpRequest request =
        HttpRequest.newBuilder(document).timeout(Duration.ofMillis(timeoutMillis)).GET().build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new KeySourceException("OIDC discovery at " + document + " answered HTTP " + response.statusCode());
      }
      if (response.body().length() > MAX_DOCUMENT_CHARS) {
        throw new KeySourceException("OIDC discovery document at " + document + " is too large");
      }
      Map<String, Object> json = JSONObjectUtils.parse(response.body());
      String jwks = JSONObjectUtils.getString(json, "jwks_uri");
      if (jwks == null) {
        throw new KeySourceException("OIDC discovery document at " + document + " has no jwks_uri");
      }
      return URI.create(jwks);
    } catch (IOException | ParseException | IllegalArgumentException e) {
      throw new KeySourceException("OIDC discovery at " + document + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeySourceException("interrupted during OIDC discovery at " + document, e);
    }
  }
}
