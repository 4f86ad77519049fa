package ai.hanzo.node.app;

import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.iam.ApiKeySpec;
import ai.hanzo.node.iam.ApiKeys;
import ai.hanzo.node.iam.IamAdmin;
import ai.hanzo.node.iam.NewApiKey;
import ai.hanzo.node.iam.RoleCatalog;
import ai.hanzo.node.storage.ApiKeyRecord;
import ai.hanzo.node.storage.DataDirLock;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * API keys of a stopped node, on its data directory directly: how the first admin credential is made on a fresh
 * directory. Takes the data-directory lock, so a running node (which holds it) is refused with a clear message
 * instead of two processes writing one database.
 */
public final class OfflineKeyAdmin implements AutoCloseable {
  private final DataDirLock lock;
  private final NodeDatabase db;
  private final IamAdmin admin;
  private final Clock clock;

  private OfflineKeyAdmin(DataDirLock lock, NodeDatabase db, Clock clock) {
    this.lock = lock;
    this.db = db;
    this.clock = clock;
    this.admin = new IamAdmin(new ApiKeys(db.apiKeys(), new SecureRandom(), clock), new RoleCatalog(db.roles()));
  }

  public static OfflineKeyAdmin open(Path dataDir) throws java.io.IOException {
    Files.createDirectories(dataDir);
    DataDirLock lock = DataDirLock.acquire(dataDir);
    try {
      return new OfflineKeyAdmin(lock, NodeDatabase.open(StorageOptions.defaults(dataDir)), Clock.systemUTC());
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * @param ttl how long the key is valid, {@code null} for no expiry
   * @throws ConfigException for an unknown role or a malformed CIDR
   */
  public CreatedKey create(String name, String role, String org, Duration ttl, List<String> allowedCidrs,
      Integer requestsPerMinute) {
    try {
      NewApiKey created = admin.createKey(new ApiKeySpec(name, role, org,
          ttl == null ? null : clock.instant().plus(ttl), allowedCidrs, requestsPerMinute));
      return new CreatedKey(summary(created.record()), created.secret());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  public List<KeySummary> list() {
    return admin.keys().stream().map(OfflineKeyAdmin::summary).toList();
  }

  /** The revoked key, or empty when no key has that id. */
  public Optional<KeySummary> revoke(String id) {
    return admin.revoke(id).map(OfflineKeyAdmin::summary);
  }

  /**
   * Binds roles to a subject: a token's {@code sub}, or {@code cert:<identity>} for client certificates.
   *
   * @throws ConfigException for an unknown role
   */
  public void bind(String subject, List<String> roleNames) {
    try {
      admin.bind(subject, roleNames);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /** Every subject with its bound roles, sorted by subject. */
  public java.util.SortedMap<String, List<String>> bindings() {
    return admin.bindings();
  }

  /** @return whether the subject had a binding */
  public boolean unbind(String subject) {
    return admin.unbind(subject).isPresent();
  }

  private static KeySummary summary(ApiKeyRecord r) {
    return new KeySummary(r.id(), r.name(), r.role(), r.org(), r.createdAt(), r.expiresAt(), r.allowedCidrs(),
        r.requestsPerMinute(), r.active());
  }

  @Override
  public void close() {
    try {
      db.close();
    } finally {
      lock.close();
    }
  }
}
