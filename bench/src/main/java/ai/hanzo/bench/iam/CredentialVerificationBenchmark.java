package ai.hanzo.bench.iam;

import ai.hanzo.node.iam.ApiKeySpec;
import ai.hanzo.node.iam.ApiKeys;
import ai.hanzo.node.iam.JwksKeys;
import ai.hanzo.node.iam.JwtVerifier;
import ai.hanzo.node.iam.Principal;
import ai.hanzo.node.iam.TokenClaimsCheck;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one credential costs to verify, without the verified-token cache the authenticator puts in front of JWTs:
 * an {@code hzk_} API key (hash, RocksDB lookup, constant-time compare, expiry and CIDR checks), an RS256 JWT
 * against a JWKS fetched once over loopback HTTP, and an HS256 JWT with the shared secret.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CredentialVerificationBenchmark {
  private static final String SECRET = "0123456789abcdef0123456789abcdef-bench";

  private Path dataDir;
  private NodeDatabase db;
  private LoopbackJwks jwks;
  private ApiKeys apiKeys;
  private String apiKey;
  private InetAddress remote;
  private JwtVerifier rs256;
  private String rs256Token;
  private JwtVerifier hs256;
  private String hs256Token;

  @Setup(Level.Trial)
  public void setUp() throws IOException, JOSEException {
    dataDir = Files.createTempDirectory("hanzo-bench-iam");
    db = NodeDatabase.open(StorageOptions.defaults(dataDir));
    apiKeys = new ApiKeys(db.apiKeys(), new SecureRandom(), Clock.systemUTC());
    apiKey = apiKeys.create(new ApiKeySpec("bench", "viewer", null, null, List.of("127.0.0.0/8"), null)).secret();
    remote = InetAddress.getLoopbackAddress();

    RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
    jwks = new LoopbackJwks(key);
    JwksKeys keys = new JwksKeys(jwks.uri(), null, Duration.ofHours(1), Duration.ofSeconds(30));
    keys.warmUp();
    TokenClaimsCheck claims = new TokenClaimsCheck(null, "hanzo-node", Duration.ofSeconds(60), Clock.systemUTC());
    rs256 = new JwtVerifier(List.of("RS256"), null, keys, claims);
    rs256Token = token(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(), new RSASSASigner(key));
    hs256 = new JwtVerifier(List.of("HS256"), SECRET, null, claims);
    hs256Token = token(new JWSHeader(JWSAlgorithm.HS256), new MACSigner(SECRET));
  }

  private static String token(JWSHeader header, JWSSigner signer) throws JOSEException {
    Instant now = Instant.now();
    SignedJWT jwt = new SignedJWT(header, new JWTClaimsSet.Builder().subject("bench").audience("hanzo-node")
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(2))))
        .claim("roles", List.of("viewer")).build());
    jwt.sign(signer);
    return jwt.serialize();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    jwks.close();
    db.close();
    try (var paths = Files.walk(dataDir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public Principal apiKey() {
    return apiKeys.verify(apiKey, remote);
  }

  @Benchmark
  public JWTClaimsSet jwtRs256() {
    return rs256.verify(rs256Token);
  }

  @Benchmark
  public JWTClaimsSet jwtHs256() {
    return hs256.verify(hs256Token);
  }
}
