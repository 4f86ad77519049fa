package ai.hanzo.node.iam;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.health.HealthStatus;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verification keys of a JWKS: fetched lazily (the JWKS URI, or the one OIDC discovery names),
 * cached, and refetched when a token names an unknown key id, at most once per {@code
 * minRefreshInterval} so forged kids cannot make the node hammer the provider.
 */
public final class JwksKeys {
  private static final Logger LOG = LoggerFactory.getLogger(JwksKeys.class);
  private static final int TIMEOUT_MILLIS = 5_000;
  private static final int MAX_DOCUMENT_BYTES = 512 * 1024;

  private final URI configuredJwksUri;
  private final String issuer;
  private final Duration cacheTtl;
  private final Duration minRefreshInterval;
  private final AtomicReference<JWKSource<SecurityContext>> source = new AtomicReference<>();
  private final AtomicReference<KeySetStatus> status = new AtomicReference<>(KeySetStatus.NOT_NEEDED);
  /** When discovery last failed (System.nanoTime), so a down provider is asked at most once per interval. */
  private volatile long lastDiscoveryFailure;
  private volatile boolean discoveryFailed;

  /** {@code jwksUri} wins; otherwise discovery from {@code issuer}. */
  public JwksKeys(URI jwksUri, String issuer, Duration cacheTtl, Duration minRefreshInterval) {
    if (jwksUri == null && issuer == null) {
      throw new IllegalArgumentException("a JWKS needs either a JWKS URI or an issuer to discover it from");
    }
    if (minRefreshInterval.compareTo(cacheTtl) >= 0) {
      throw new IllegalArgumentException("the JWKS refetch interval must be shorter than the cache lifetime");
    }
    this.configuredJwksUri = jwksUri;
    this.issuer = issuer;
    this.cacheTtl = cacheTtl;
    this.minRefreshInterval = minRefreshInterval;
  }

  /** Keys that fit the header's algorithm and key id. */
  List<JWK> keysFor(JWSHeader header) throws KeySourceException {
    return source().get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
  }

  /** Fetches the key set once so problems show at start; a failure is logged and reported, not thrown. */
  public void warmUp() {
    try {
      source().get(new JWKSelector(new JWKMatcher.Builder().build()), null);
    } catch (KeySourceException | RuntimeException e) {
      LOG.warn("the JWKS could not be fetched yet, will retry on the next token: {}", e.getMessage());
    }
  }

  public KeySetStatus status() {
    return status.get();
  }

  private JWKSource<SecurityContext> source() throws KeySourceException {
    JWKSource<SecurityContext> existing = source.get();
    if (existing != null) {
      return existing;
    }
    if (discoveryFailed && System.nanoTime() - lastDiscoveryFailure < minRefreshInterval.toNanos()) {
      throw new KeySourceException("the JWKS is unavailable: " + status.get().problem());
    }
    URI uri;
    try {
      uri = configuredJwksUri != null ? configuredJwksUri : OidcDiscovery.jwksUri(issuer, TIMEOUT_MILLIS);
      discoveryFailed = false;
    } catch (KeySourceException e) {
      status.set(new KeySetStatus(false, e.getMessage()));
      lastDiscoveryFailure = System.nanoTime();
      discoveryFailed = true;
      throw e;
    }
    JWKSource<SecurityContext> built = build(uri);
    return source.compareAndSet(null, built) ? built : source.get();
  }

  private JWKSource<SecurityContext> build(URI uri) throws KeySourceException {
    try {
      return JWKSourceBuilder.<SecurityContext>create(uri.toURL(),
              new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, MAX_DOCUMENT_BYTES))
          .cache(cacheTtl.toMillis(), TIMEOUT_MILLIS)
          .rateLimited(minRefreshInterval.toMillis())
          .refreshAheadCache(false)
          .retrying(false)
          .healthReporting(report -> status.set(report.getHealthStatus() == HealthStatus.HEALTHY
              ? new KeySetStatus(true, null)
              : new KeySetStatus(false, "the JWKS at " + uri + " could not be fetched: "
                  + (report.getException() == null ? "unknown error" : report.getException().getMessage()))))
          .build();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new KeySourceException("the JWKS URI " + uri + " is not a URL: " + e.getMessage(), e);
    }
  }
}
