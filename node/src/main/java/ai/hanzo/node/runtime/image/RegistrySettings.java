package ai.hanzo.node.runtime.image;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How the node talks to registries. {@code insecure}: {@code host[:port]} names spoken to over plain HTTP (never
 * the default). {@code credentials}: user and password per registry name, for basic auth and for token requests.
 * {@code attempts}/{@code backoff}: how often and how patiently 5xx answers and I/O failures are retried.
 */
public record RegistrySettings(Set<String> insecure, Map<String, Credentials> credentials, int attempts,
    Duration backoff, Duration timeout) {
  public static final RegistrySettings DEFAULTS = new RegistrySettings(Set.of(), Map.of(), 4, Duration.ofMillis(250),
      Duration.ofSeconds(60));

  public RegistrySettings {
    insecure = Set.copyOf(insecure);
    credentials = Map.copyOf(credentials);
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
  }

  /** Defaults plus plain-HTTP {@code insecure} registries and the credentials of {@code authFile} (blank: none). */
  public static RegistrySettings of(java.util.Collection<String> insecure, String authFile) {
    RegistrySettings settings = DEFAULTS.withInsecure(Set.copyOf(insecure));
    return authFile == null || authFile.isBlank() ? settings
        : settings.withCredentials(AuthFile.read(java.nio.file.Path.of(authFile)));
  }

  public RegistrySettings withInsecure(Set<String> registries) {
    return new RegistrySettings(registries, credentials, attempts, backoff, timeout);
  }

  public RegistrySettings withCredentials(Map<String, Credentials> byRegistry) {
    return new RegistrySettings(insecure, byRegistry, attempts, backoff, timeout);
  }

  /** A user name and password (or identity token) for one registry; the password never appears in toString. */
  public record Credentials(String username, String password) {
    @Override
    public String toString() {
      return "Credentials[" + username + ", ****]";
    }
  }
}
