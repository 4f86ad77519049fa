package ai.hanzo.node.iam;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What a transport extracted from a call; each of the first three may be {@code null}.
 *
 * @param bearerToken the text after {@code Bearer } in the {@code authorization} header
 * @param apiKey the {@code x-api-key} header
 * @param clientCertificateIdentity the CN or SAN URI of a verified client certificate
 * @param remoteAddress the caller's address
 * @param foreignScheme {@code null}, or what an {@code authorization} header that is not {@code Bearer} says
 *     instead (its scheme name only, never the credential): such a caller is refused, not served anonymously
 */
public record Credentials(String bearerToken, String apiKey, String clientCertificateIdentity,
    InetAddress remoteAddress, String foreignScheme) {

  public Credentials {
    Objects.requireNonNull(remoteAddress, "remoteAddress");
  }

  public Credentials(String bearerToken, String apiKey, String clientCertificateIdentity, InetAddress remoteAddress) {
    this(bearerToken, apiKey, clientCertificateIdentity, remoteAddress, null);
  }

  /** Never prints a secret. */
  @Override
  public String toString() {
    return "Credentials[bearerToken=" + (bearerToken == null ? "none" : "present")
        + ", apiKey=" + (apiKey == null ? "none" : "present")
        + ", clientCertificateIdentity=" + clientCertificateIdentity
        + ", remoteAddress=" + remoteAddress.getHostAddress()
        + (foreignScheme == null ? "" : ", foreignScheme=" + foreignScheme) + "]";
  }
}
