package ai.hanzo.node.iam;

import ai.hanzo.node.storage.AuditEntry;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

/** The IAM components over a real node database in a temporary directory, with a hand-driven clock. */
final class IamFixture implements AutoCloseable {
  static final Instant START = Instant.now();
  static final int FAILED_AUTH_LIMIT = 5;

  final SteppingClock clock = new SteppingClock(START);
  final NodeDatabase db;
  final ApiKeys apiKeys;
  final RoleCatalog roles;
  final AuditRecorder audit;
  final RateLimits limits;
  final Authorizer authorizer;
  Authenticator authenticator;

  IamFixture(Path dataDir) {
    db = NodeDatabase.open(StorageOptions.defaults(dataDir).withClock(clock));
    apiKeys = new ApiKeys(db.apiKeys(), new SecureRandom(), clock);
    roles = new RoleCatalog(db.roles());
    audit = new AuditRecorder(db.audit(), clock, FAILED_AUTH_LIMIT);
    limits = new RateLimits(1000, FAILED_AUTH_LIMIT, clock);
    authorizer = new Authorizer(roles, audit, true);
    authenticator = authenticatorWith(null);
  }

  Authenticator authenticatorWith(JwtVerifier jwt) {
    authenticator = new Authenticator(jwt, new ClaimsMapper("roles", "org"), apiKeys, roles, limits, audit);
    return authenticator;
  }

  List<AuditEntry> auditEntries() {
    return db.audit().query(Instant.EPOCH, Instant.MAX, 10_000);
  }

  static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
