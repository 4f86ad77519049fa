package ai.hanzo.node.app;

import ai.hanzo.node.storage.ConfigStore;
import java.util.Optional;

/**
 * The leases this node holds on deployments other nodes placed here: which peer placed each and under which epoch,
 * in the config store ({@code lease.held.<id>}) so a release after a kill -9 still finds its lease. A release is
 * taken only from that peer and only for that epoch or a newer one ({@link ai.hanzo.node.p2p.placement.LeaseRules}).
 * One entry per deployment placed here, so bounded by what this node runs.
 */
final class HeldLeases {
  private static final String PREFIX = "lease.held.";

  private final ConfigStore store;

  HeldLeases(ConfigStore store) {
    this.store = store;
  }

  record Held(String placerPeerId, long epoch) {}

  synchronized void hold(String deploymentId, String placerPeerId, long epoch) {
    store.put(PREFIX + deploymentId, epoch + "\t" + placerPeerId);
  }

  synchronized Optional<Held> find(String deploymentId) {
    return store.get(PREFIX + deploymentId).map(v -> {
      int tab = v.indexOf('\t');
      return new Held(v.substring(tab + 1), Long.parseLong(v.substring(0, tab)));
    });
  }

  synchronized void drop(String deploymentId) {
    store.delete(PREFIX + deploymentId);
  }
}
