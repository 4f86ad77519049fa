package ai.hanzo.libp2p.kad;

import ai.hanzo.libp2p.kad.routing.RefreshTargets;
import ai.hanzo.libp2p.kad.routing.RoutingTable;
import ai.hanzo.libp2p.peer.PeerId;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHT's periodic work on one daemon thread: a self lookup and a random lookup into every
 * bucket nobody looked into lately (so the table keeps live peers across the whole key space),
 * expiry of stored records, and republishing of what we provide.
 */
final class DhtMaintenance implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DhtMaintenance.class);

  private final KadConfig config;
  private final RoutingTable table;
  private final DhtQueries queries;
  private final PeerId self;
  private final Function<Boolean, CompletableFuture<Void>> purgeAndRepublish;
  private final Random random = new SecureRandom();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "kad-maintenance");
    t.setDaemon(true);
    return t;
  });

  DhtMaintenance(KadConfig config, RoutingTable table, DhtQueries queries, PeerId self,
      Function<Boolean, CompletableFuture<Void>> purgeAndRepublish) {
    this.config = config;
    this.table = table;
    this.queries = queries;
    this.self = self;
    this.purgeAndRepublish = purgeAndRepublish;
  }

  void start() {
    long refresh = config.refreshInterval().toMillis();
    long republish = config.republishInterval().toMillis();
    timer.scheduleWithFixedDelay(this::refresh, refresh, refresh, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(() -> run(purgeAndRepublish.apply(true), "republish"),
        republish, republish, TimeUnit.MILLISECONDS);
  }

  private void refresh() {
    run(purgeAndRepublish.apply(false), "expiry");
    if (table.size() == 0) {
      return;
    }
    run(queries.closestPeers(self.toBytes()), "self lookup");
    for (int bucket : table.staleBuckets(config.refreshInterval())) {
      RefreshTargets.keyInBucket(table.localId(), bucket, random)
          .ifPresent(key -> run(queries.closestPeers(key), "refresh of bucket " + bucket));
    }
  }

  private static void run(CompletableFuture<?> task, String what) {
    task.whenComplete((v, e) -> {
      if (e != null) {
        LOG.debug("DHT {} failed: {}", what, e.toString());
      }
    });
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
