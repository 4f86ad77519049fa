package ai.hanzo.node.api.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.p2p.placement.Lease;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A placing node's leases survive a restart of its database (a kill -9 keeps what was written), epochs only grow,
 * and a deployment is forgotten once it has neither a current lease nor a revocation to confirm.
 */
class PlacementLeasesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dataDir;

  @Test
  void leasesAndRevocationsSurviveARestartAndEpochsOnlyGrow() {
    byte[] request = "the request".getBytes(StandardCharsets.UTF_8);
    Lease first = new Lease("web", "node-b", "peer-b", "acme\tcorp", 1, T0);
    try (NodeDatabase db = NodeDatabase.open(StorageOptions.defaults(dataDir))) {
      PlacementLeases leases = new PlacementLeases(db.config());
      assertThat(leases.nextEpoch("web")).isEqualTo(1);
      leases.grant(first, request);
      assertThat(leases.nextEpoch("web")).isEqualTo(2);
      // Placed again on C first, then B's lease taken away: C's stays current.
      Lease second = new Lease("web", "node-c", "peer-c", "acme\tcorp", 2, T0.plusSeconds(30));
      leases.grant(second, request);
      leases.revoke(first, T0.plusSeconds(31));
    }
    try (NodeDatabase db = NodeDatabase.open(StorageOptions.defaults(dataDir))) {
      PlacementLeases leases = new PlacementLeases(db.config());
      assertThat(leases.deploymentIds()).containsExactly("web");
      assertThat(leases.current("web")).hasValueSatisfying(l -> {
        assertThat(l.nodeId()).isEqualTo("node-c");
        assertThat(l.epoch()).isEqualTo(2);
        assertThat(l.org()).isEqualTo("acme\tcorp");
      });
      assertThat(leases.revoked("web")).singleElement().satisfies(r -> {
        assertThat(r.lease()).isEqualTo(first);
        assertThat(r.revokedAt()).isEqualTo(T0.plusSeconds(31));
      });
      assertThat(leases.request("web")).hasValueSatisfying(b -> assertThat(b).isEqualTo(request));
      assertThat(leases.nextEpoch("web")).isEqualTo(3);

      // C's lease taken away too, the deployment now runs on the placing node itself: B's and C's wait.
      Lease second = leases.current("web").orElseThrow();
      leases.revoke(second, T0.plusSeconds(60));
      assertThat(leases.current("web")).isEmpty();
      assertThat(leases.nextEpoch("web")).isEqualTo(3);
      leases.released(first);
      assertThat(leases.deploymentIds()).containsExactly("web");
      leases.released(second);
      assertThat(leases.deploymentIds()).isEmpty();
      assertThat(leases.request("web")).isEmpty();
      assertThat(leases.nextEpoch("web")).isEqualTo(1);
    }
  }

  @Test
  void revokingAnOlderLeaseNeverDropsTheCurrentOne() {
    try (NodeDatabase db = NodeDatabase.open(StorageOptions.defaults(dataDir))) {
      PlacementLeases leases = new PlacementLeases(db.config());
      Lease old = new Lease("api", "node-b", "peer-b", "", 1, T0);
      Lease now = new Lease("api", "node-c", "peer-c", "", 2, T0.plusSeconds(5));
      leases.grant(now, new byte[] {1});
      leases.revoke(old, T0.plusSeconds(6));
      assertThat(leases.current("api")).hasValue(now);
      leases.endCurrent("api");
      assertThat(leases.current("api")).isEmpty();
      assertThat(leases.deploymentIds()).as("B's copy is still to be stopped").containsExactly("api");
    }
  }
}
