package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import ai.hanzo.node.client.RemoteKey;
import ai.hanzo.node.app.CreatedKey;
import ai.hanzo.node.app.KeySummary;
import ai.hanzo.node.app.OfflineKeyAdmin;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * Where {@code hanzo-node keys} and {@code bindings} work: a running node's admin API, or the data directory of a
 * stopped node (how the first admin key is made).
 */
interface KeySources extends AutoCloseable {
  /** A key as {@code keys ls} shows it; {@code org} and {@code expiresAt} may be null. */
  record Key(String id, String name, String role, String org, Instant createdAt, Instant expiresAt, boolean active) {}

  record Created(Key key, String secret) {}

  /** @param ttl {@code null} for a key that does not expire */
  Created create(String name, String role, String org, Duration ttl, List<String> cidrs, Integer rateLimit);

  List<Key> list();

  /** @return whether a key had that id */
  boolean revoke(String id);

  void bind(String subject, List<String> roles);

  SortedMap<String, List<String>> bindings();

  /** @return whether the subject had a binding */
  boolean unbind(String subject);

  @Override
  void close();

  /** A stopped node's IAM data, opened with the data-directory lock held. */
  static KeySources offline(OfflineKeyAdmin admin) {
    return new KeySources() {
      @Override
      public Created create(String name, String role, String org, Duration ttl, List<String> cidrs,
          Integer rateLimit) {
        CreatedKey created = admin.create(name, role, org, ttl, cidrs, rateLimit);
        return new Created(key(created.key()), created.secret());
      }

      @Override
      public List<Key> list() {
        return admin.list().stream().map(KeySources::key).toList();
      }

      @Override
      public boolean revoke(String id) {
        return admin.revoke(id).isPresent();
      }

      @Override
      public void bind(String subject, List<String> roles) {
        admin.bind(subject, roles);
      }

      @Override
      public SortedMap<String, List<String>> bindings() {
        return admin.bindings();
      }

      @Override
      public boolean unbind(String subject) {
        return admin.unbind(subject);
      }

      @Override
      public void close() {
        admin.close();
      }
    };
  }

  /** A running node, through its admin API (admin credentials needed when IAM is on). */
  static KeySources remote(NodeClient node) {
    return new KeySources() {
      @Override
      public Created create(String name, String role, String org, Duration ttl, List<String> cidrs,
          Integer rateLimit) {
        RemoteKey.Created created = node.createKey(name, role, org, ttl, cidrs, rateLimit);
        return new Created(key(created.key()), created.secret());
      }

      @Override
      public List<Key> list() {
        return node.keys().stream().map(KeySources::key).toList();
      }

      @Override
      public boolean revoke(String id) {
        return found(() -> node.revokeKey(id));
      }

      @Override
      public void bind(String subject, List<String> roles) {
        node.setBinding(subject, roles);
      }

      @Override
      public SortedMap<String, List<String>> bindings() {
        return node.bindings();
      }

      @Override
      public boolean unbind(String subject) {
        return found(() -> {
          node.removeBinding(subject);
          return null;
        });
      }

      @Override
      public void close() {
        node.close();
      }
    };
  }

  private static boolean found(java.util.function.Supplier<?> call) {
    try {
      call.get();
      return true;
    } catch (NodeException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private static Key key(KeySummary k) {
    return new Key(k.id(), k.name(), k.role(), k.org(), k.createdAt(), k.expiresAt(), k.active());
  }

  private static Key key(RemoteKey k) {
    return new Key(k.id(), k.name(), k.role(), k.org(), k.createdAt(), k.expiresAt(), k.active());
  }
}
