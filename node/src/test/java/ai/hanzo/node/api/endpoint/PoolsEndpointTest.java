package ai.hanzo.node.api.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.ComputePool;
import ai.hanzo.node.api.v1.GetPoolRequest;
import ai.hanzo.node.api.v1.ListPoolsRequest;
import ai.hanzo.node.config.PoolDefinition;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.gossip.PlacementFacts;
import ai.hanzo.node.p2p.placement.Candidate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A pool's summary: members, ready and stale ones, free sums over the ready ones only, its state. */
class PoolsEndpointTest {
  private static final long CPU = 1_000_000_000L;
  private static final long GIB = 1L << 30;
  private static final Duration STALE_AFTER = Duration.ofSeconds(3);
  private static final PoolDefinition EU = PoolDefinition.parse("eu=region=eu");

  private static Candidate node(String id, String state, boolean cordoned, Duration age) {
    return new Candidate(id, "peer-" + id, List.of(), false, state, List.of("process"),
        new PlacementFacts("eu", "", Map.of(), cordoned, 2 * CPU, 4 * GIB, 10)
            .withGpus(new PlacementFacts.Gpus(2, 1, "A100", 40 * GIB)), age);
  }

  @Test
  void freeCapacityCountsOnlyMembersThatCanTakeWork() {
    ComputePool p = PoolsEndpoint.summary(EU, List.of(node("a", "READY", false, Duration.ZERO),
        node("b", "READY", false, Duration.ofSeconds(1)), node("stale", "READY", false, Duration.ofSeconds(10)),
        node("cordoned", "READY", true, Duration.ZERO), node("draining", "DRAINING", false, Duration.ZERO)),
        STALE_AFTER);
    assertThat(p.getNodes()).isEqualTo(5);
    assertThat(p.getReadyNodes()).isEqualTo(2);
    assertThat(p.getStaleNodes()).isEqualTo(1);
    assertThat(p.getFreeNanoCpus()).isEqualTo(4 * CPU);
    assertThat(p.getFreeMemoryBytes()).isEqualTo(8 * GIB);
    assertThat(p.getGpus()).isEqualTo(4);
    assertThat(p.getFreeGpus()).isEqualTo(2);
    assertThat(p.getState()).isEqualTo("ready");
    assertThat(p.getSelectorMap()).containsExactlyEntriesOf(Map.of("region", "eu"));
  }

  @Test
  void aPoolWithoutReadyMembersIsDegradedAndWithoutMembersEmpty() {
    assertThat(PoolsEndpoint.summary(EU, List.of(node("s", "READY", false, Duration.ofMinutes(1))), STALE_AFTER)
        .getState()).isEqualTo("degraded");
    assertThat(PoolsEndpoint.summary(EU, List.of(), STALE_AFTER).getState()).isEqualTo("empty");
  }

  @Test
  void anUnknownPoolIsNotFoundAndAnImpossibleIdInvalid() {
    PoolsEndpoint pools = new PoolsEndpoint(Optional.empty(), List.of(EU));
    assertThatThrownBy(() -> pools.get(GetPoolRequest.newBuilder().setId("us").build()))
        .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> pools.get(GetPoolRequest.newBuilder().setId("a b").build()))
        .isInstanceOfSatisfying(NodeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThat(PoolsEndpoint.none().list(ListPoolsRequest.getDefaultInstance()).getPoolsList()).isEmpty();
  }
}
