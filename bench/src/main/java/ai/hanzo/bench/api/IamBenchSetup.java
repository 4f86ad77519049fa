package ai.hanzo.bench.api;

import ai.hanzo.bench.iam.LoopbackJwks;
import ai.hanzo.node.config.IamConfig;
import ai.hanzo.node.iam.Iam;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * IAM as a node runs it for the benchmark: RS256 tokens verified against a JWKS served over real HTTP on loopback
 * (fetched once, then cached), keys and audit in a real RocksDB, a rate limit too high to interfere.
 */
final class IamBenchSetup implements AutoCloseable {
  private final LoopbackJwks jwks;
  private final NodeDatabase db;
  final Iam iam;
  final String bearer;

  IamBenchSetup(Path dataDir) throws IOException, JOSEException {
    RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
    jwks = new LoopbackJwks(key);
    URI jwksUri = jwks.uri();
    IamConfig defaults = IamConfig.disabled();
    IamConfig config = new IamConfig(true, null, "hanzo-node", jwksUri, null, defaults.clockSkew(), List.of("RS256"),
        defaults.rolesClaim(), defaults.orgClaim(), true, 1_000_000_000, defaults.failedAuthPerMinute());
    db = NodeDatabase.open(StorageOptions.defaults(dataDir));
    iam = Iam.create(config, db.apiKeys(), db.roles(), db.audit(), Clock.systemUTC());
    iam.jwks().warmUp();
    Instant now = Instant.now();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(),
        new JWTClaimsSet.Builder().subject("bench").audience("hanzo-node").issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofHours(2)))).claim("roles", List.of("viewer")).build());
    jwt.sign(new RSASSASigner(key));
    bearer = "Bearer " + jwt.serialize();
  }

  @Override
  public void close() {
    db.close();
    jwks.close();
  }
}
