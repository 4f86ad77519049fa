package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.p2p.placement.Lease;
import ai.hanzo.node.storage.ConfigStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The leases this node owns on the deployments it placed elsewhere, in the config store so a kill -9 of this node
 * loses none: per deployment the current lease ({@code lease.granted.<id>}), the request to place it again with
 * ({@code lease.request.<id>}) and the leases taken away whose old target has not yet confirmed it stopped its copy
 * ({@code lease.revoked.<id>}), plus an index of the ids. Bounded like {@link PlacedDeployments} (a lease exists only
 * for a placed deployment) and by {@link #MAX_REVOKED} per deployment.
 */
public final class PlacementLeases {
  /** Leases taken away and not yet confirmed, per deployment: past it, the deployment is not placed again. */
  public static final int MAX_REVOKED = 16;
  private static final String INDEX = "lease.index";
  private static final String GRANTED = "lease.granted.";
  private static final String REQUEST = "lease.request.";
  private static final String REVOKED = "lease.revoked.";

  private final ConfigStore store;

  public PlacementLeases(ConfigStore store) {
    this.store = store;
  }

  /** A lease taken away at {@code revokedAt}, whose target has not confirmed the stop yet. */
  public record Revoked(Lease lease, Instant revokedAt) {}

  /** The epoch of the next lease on this deployment: one more than any it had. */
  public synchronized long nextEpoch(String deploymentId) {
    long max = current(deploymentId).map(Lease::epoch).orElse(0L);
    for (Revoked r : revoked(deploymentId)) {
      max = Math.max(max, r.lease().epoch());
    }
    return max + 1;
  }

  /** Grants {@code lease}, replacing the current one (which the caller revoked first, if any). */
  public synchronized void grant(Lease lease, byte[] request) {
    String id = lease.deploymentId();
    store.put(GRANTED + id, encode(lease, lease.grantedAt()));
    store.put(REQUEST + id, Base64.getEncoder().encodeToString(request));
    Set<String> ids = ids();
    ids.add(id);
    StoredIds.write(store, INDEX, ids);
  }

  /**
   * {@code lease} is taken away: it waits for its target's confirmation. It stops being the current lease unless a
   * newer one was granted already (the deployment placed again first, then the old lease revoked).
   */
  public synchronized void revoke(Lease lease, Instant at) {
    String id = lease.deploymentId();
    List<String> lines = new ArrayList<>(store.get(REVOKED + id).map(v -> List.of(v.split("\n")))
        .orElse(List.of()));
    lines.add(encode(lease, at));
    store.put(REVOKED + id, String.join("\n", lines));
    if (current(id).filter(c -> c.epoch() == lease.epoch()).isPresent()) {
      store.delete(GRANTED + id);
    }
  }

  /** The old target confirmed the stop (or holds no such lease any more). */
  public synchronized void released(Lease lease) {
    String id = lease.deploymentId();
    List<String> left = revoked(id).stream().filter(r -> r.lease().epoch() != lease.epoch())
        .map(r -> encode(r.lease(), r.revokedAt())).toList();
    if (left.isEmpty()) {
      store.delete(REVOKED + id);
    } else {
      store.put(REVOKED + id, String.join("\n", left));
    }
    forgetIfDone(id);
  }

  /** The deployment runs on this node now: nothing to renew, only revocations to confirm. */
  public synchronized void endCurrent(String deploymentId) {
    store.delete(GRANTED + deploymentId);
    forgetIfDone(deploymentId);
  }

  public synchronized Optional<Lease> current(String deploymentId) {
    return store.get(GRANTED + deploymentId).map(v -> decode(deploymentId, v).lease());
  }

  public synchronized Optional<byte[]> request(String deploymentId) {
    return store.get(REQUEST + deploymentId).map(v -> Base64.getDecoder().decode(v));
  }

  public synchronized List<Revoked> revoked(String deploymentId) {
    List<Revoked> all = new ArrayList<>();
    store.get(REVOKED + deploymentId).ifPresent(v -> {
      for (String line : v.split("\n")) {
        if (!line.isEmpty()) {
          all.add(decode(deploymentId, line));
        }
      }
    });
    return all;
  }

  /** The ids with a current lease or a revocation to confirm, in the order first leased. */
  public synchronized List<String> deploymentIds() {
    return List.copyOf(ids());
  }

  private void forgetIfDone(String id) {
    if (store.get(GRANTED + id).isEmpty() && store.get(REVOKED + id).isEmpty()) {
      store.delete(REQUEST + id);
      Set<String> ids = ids();
      ids.remove(id);
      StoredIds.write(store, INDEX, ids);
    }
  }

  /** Epoch, time, node and peer first; the org last, as it may hold anything but a newline. */
  private static String encode(Lease l, Instant at) {
    return l.epoch() + "\t" + at.toEpochMilli() + "\t" + l.grantedAt().toEpochMilli() + "\t" + l.nodeId() + "\t"
        + l.peerId() + "\t" + l.org();
  }

  private static Revoked decode(String id, String v) {
    String[] f = v.split("\t", 6);
    Lease lease = new Lease(id, f[3], f[4], f.length > 5 ? f[5] : "", Long.parseLong(f[0]),
        Instant.ofEpochMilli(Long.parseLong(f[2])));
    return new Revoked(lease, Instant.ofEpochMilli(Long.parseLong(f[1])));
  }

  private Set<String> ids() {
    return StoredIds.read(store, INDEX);
  }

}
