package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.storage.ConfigStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The deployments this node placed on other nodes, and where, kept in the node's config store so they stay listed
 * across restarts: one key per deployment ({@code placed.<id>}: node id, peer id and owning org) and an index of
 * the ids. Bounded by {@link #MAX_PLACED}; a deployment placed again replaces its entry.
 */
public final class PlacedDeployments {
  public static final int MAX_PLACED = 1000;
  private static final String INDEX = "placed.index";
  private static final String PREFIX = "placed.";

  private final ConfigStore store;

  public PlacedDeployments(ConfigStore store) {
    this.store = store;
  }

  /** Where a deployment runs. {@code org} is empty for a deployment of no organisation. */
  public record Placed(String deploymentId, String nodeId, String peerId, String org) {}

  /** Refuses before a deployment is sent anywhere, so a target never runs one this node could not remember. */
  public synchronized void requireRoom(String deploymentId) {
    Set<String> ids = ids();
    if (!ids.contains(deploymentId) && ids.size() >= MAX_PLACED) {
      throw new NodeException(ErrorCode.RESOURCE_EXHAUSTED, "this node already keeps " + MAX_PLACED
          + " deployments placed on other nodes; remove some first");
    }
  }

  public synchronized void put(Placed p) {
    requireRoom(p.deploymentId());
    Set<String> ids = ids();
    store.put(PREFIX + p.deploymentId(), p.nodeId() + "\t" + p.peerId() + "\t" + p.org());
    ids.add(p.deploymentId());
    StoredIds.write(store, INDEX, ids);
  }

  /** The deployment runs here now, or nowhere: no longer listed as placed elsewhere. */
  public synchronized void remove(String deploymentId) {
    Set<String> ids = ids();
    if (ids.remove(deploymentId)) {
      store.delete(PREFIX + deploymentId);
      StoredIds.write(store, INDEX, ids);
    }
  }

  /** A deployment placed on another node; empty when it runs here or was never placed. */
  public synchronized Optional<Placed> find(String deploymentId) {
    return store.get(PREFIX + deploymentId).map(v -> {
      // The org is last and may hold anything: only the first two tabs separate fields.
      String[] f = v.split("\t", 3);
      return new Placed(deploymentId, f[0], f[1], f.length > 2 ? f[2] : "");
    });
  }

  /** Placed deployments, in the order they were first placed. */
  public synchronized List<Placed> all() {
    List<Placed> all = new ArrayList<>();
    for (String id : ids()) {
      find(id).ifPresent(all::add);
    }
    return all;
  }

  private Set<String> ids() {
    return StoredIds.read(store, INDEX);
  }

}
