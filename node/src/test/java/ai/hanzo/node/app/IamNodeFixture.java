package ai.hanzo.node.app;

import ai.hanzo.node.config.ApiConfig;
import ai.hanzo.node.config.HostPort;
import ai.hanzo.node.config.IamConfig;
import ai.hanzo.node.config.LogFormat;
import ai.hanzo.node.config.LogLevel;
import ai.hanzo.node.config.LoggingConfig;
import ai.hanzo.node.config.NodeConfig;
import ai.hanzo.node.config.NodeVersion;
import ai.hanzo.node.config.P2pConfig;
import ai.hanzo.node.config.RuntimeConfig;
import ai.hanzo.node.config.StorageConfig;
import ai.hanzo.node.config.TlsConfig;
import ai.hanzo.node.iam.ApiKeySpec;
import ai.hanzo.node.iam.ApiKeys;
import ai.hanzo.node.lifecycle.StartupException;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

/** A real node (in-process, loopback port 0) with IAM on: an HS256 secret for tokens and API keys in its DB. */
public final class IamNodeFixture {
  public static final String SECRET = "0123456789abcdef0123456789abcdef-iam-it";

  private IamNodeFixture() {}

  public static IamConfig iamConfig(int requestsPerMinute) {
    IamConfig d = IamConfig.disabled();
    return new IamConfig(true, null, "hanzo-node", null, SECRET, d.clockSkew(), d.allowedAlgorithms(),
        d.rolesClaim(), d.orgClaim(), true, requestsPerMinute, d.failedAuthPerMinute());
  }

  public static NodeApp start(Path dataDir, IamConfig iam) throws StartupException {
    return start(dataDir, iam, TlsConfig.NONE);
  }

  public static NodeApp start(Path dataDir, IamConfig iam, TlsConfig tls) throws StartupException {
    return start(dataDir, iam, tls, RuntimeConfig.DEFAULTS);
  }

  public static NodeApp start(Path dataDir, IamConfig iam, TlsConfig tls, RuntimeConfig runtime)
      throws StartupException {
    NodeConfig config = new NodeConfig(null, dataDir, "43113", "", false,
        new ApiConfig(new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 0), Duration.ofSeconds(1), false, tls),
        P2pConfig.of("/ip4/127.0.0.1/tcp/0", List.of()), new StorageConfig(Duration.ofHours(1)),
        new LoggingConfig(LogLevel.WARN, LogFormat.TEXT, false), iam, runtime);
    NodeApp app = new NodeApp(config, new NodeVersion("1.2.3", "abc"));
    try {
      app.start();
    } catch (StartupException | RuntimeException e) {
      app.stop();
      throw e;
    }
    return app;
  }

  /** Works on the stopped node's database, as an operator's bootstrap would. */
  public static <T> T withDatabase(Path dataDir, Function<NodeDatabase, T> action) {
    try (NodeDatabase db = NodeDatabase.open(StorageOptions.defaults(dataDir))) {
      return action.apply(db);
    }
  }

  public static String createKey(Path dataDir, String role, Integer requestsPerMinute) {
    return createKey(dataDir, role, null, requestsPerMinute);
  }

  /** @param org the organisation the key acts for, or {@code null} */
  public static String createKey(Path dataDir, String role, String org, Integer requestsPerMinute) {
    return withDatabase(dataDir, db -> new ApiKeys(db.apiKeys(), new SecureRandom(), Clock.systemUTC())
        .create(new ApiKeySpec("it-" + role, role, org, null, List.of(), requestsPerMinute)).secret());
  }

  public static String token(String subject, String role) {
    return token(subject, role, Duration.ofMinutes(10));
  }

  /** A token signed with {@link #SECRET} that expires {@code ttl} from now. */
  public static String token(String subject, String role, Duration ttl) {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).audience("hanzo-node")
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)))
        .claim("roles", List.of(role)).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(SECRET));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }
}
