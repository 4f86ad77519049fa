package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.compute.DeploymentRequest.ComposeProject;
import ai.hanzo.node.compute.DeploymentRequest.Options;
import ai.hanzo.node.compute.DeploymentRequest.Resources;
import ai.hanzo.node.compute.DeploymentRequest.ServiceDefinition;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds on a real store next to real admission: a hold takes capacity from what the node advertises and from what
 * local deploys may take, survives a restart, expires, and is consumed by a deployment naming it.
 */
class CapacityHoldsMemoryTest {
  private static final long CPU = 1_000_000_000L;
  private static final long GIB = 1L << 30;
  private static final String PEER = "12D3KooWPlacer";

  @TempDir
  Path dir;

  private static DeploymentRequest reserving(String id, int replicas, String cpus, String memory) {
    ServiceDefinition s = new ServiceDefinition("", List.of("sleep", "60"), List.of(), Map.of(), List.of(),
        List.of(), List.of(), replicas, null, new Resources(cpus, memory, 0, List.of()), null, "no");
    return new DeploymentRequest(id, id, new ComposeProject("3", id, Map.of("app", s), Map.of(), Map.of()),
        Map.of(), new Options("", "", Map.of(), null));
  }

  private HoldRequest hold(MemoryEngine m, String id, String org, long cpus, long memory, Duration ttl) {
    return new HoldRequest(id, org, PEER, cpus, memory, 1, 0, m.clock.instant().plus(ttl));
  }

  @Test
  void aHoldIsSubtractedFromTheAdvertisedCapacityAndFromLocalAdmission() {
    try (MemoryEngine m = new MemoryEngine(dir, new NodeCapacity(4 * CPU, 4 * GIB, 10))) {
      Reservations before = m.engine.unreserved();
      m.engine.hold(hold(m, "a1", "acme", 3 * CPU, GIB, Duration.ofMinutes(10)));
      Reservations after = m.engine.unreserved();
      assertThat(after).isEqualTo(new Reservations(before.nanoCpus() - 3 * CPU, before.memoryBytes() - GIB,
          before.replicas() - 1));
      assertThatThrownBy(() -> m.engine.deploy(Tenant.ALL, reserving("local", 1, "2", "100M")))
          .isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
            assertThat(e.getMessage()).contains("1.00 CPUs").contains("unreserved");
          });
      assertThatThrownBy(() -> m.engine.hold(hold(m, "a2", "acme", 2 * CPU, GIB, Duration.ofMinutes(10))))
          .isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
            assertThat(e.getMessage()).contains("2.00 CPUs wanted, 1.00 free");
          });
    }
  }

  @Test
  void theSameRequestAgainAnswersTheSameHoldAndAnotherPeersIdIsRefused() {
    try (MemoryEngine m = new MemoryEngine(dir, new NodeCapacity(4 * CPU, 4 * GIB, 10))) {
      CapacityHold first = m.engine.hold(hold(m, "a1", "acme", CPU, GIB, Duration.ofMinutes(1)));
      assertThat(m.engine.hold(hold(m, "a1", "acme", CPU, GIB, Duration.ofMinutes(1)))).isEqualTo(first);
      assertThat(m.engine.unreserved().nanoCpus()).isEqualTo(3 * CPU);
      assertThatThrownBy(() -> m.engine.hold(new HoldRequest("a1", "other", PEER, CPU, GIB, 1, 0,
          m.clock.instant().plusSeconds(60))))
          .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    }
  }

  @Test
  void holdsSurviveARestartAndExpire() {
    try (MemoryEngine m = new MemoryEngine(dir, new NodeCapacity(4 * CPU, 4 * GIB, 10))) {
      m.engine.hold(hold(m, "short", "acme", CPU, GIB, Duration.ofSeconds(10)));
      m.engine.hold(hold(m, "long", "acme", CPU, GIB, Duration.ofMinutes(10)));
      m.restart();
      assertThat(m.engine.listHolds(Tenant.ALL)).extracting(CapacityHold::id).containsExactly("short", "long");
      assertThat(m.engine.unreserved().nanoCpus()).isEqualTo(2 * CPU);
      m.advance(Duration.ofSeconds(10));
      assertThat(m.engine.unreserved().nanoCpus()).as("an expired hold keeps nothing, swept or not")
          .isEqualTo(3 * CPU);
      assertThat(m.engine.expireHolds()).extracting(CapacityHold::id).containsExactly("short");
      m.restart();
      assertThat(m.engine.listHolds(Tenant.ALL)).extracting(CapacityHold::id).containsExactly("long");
    }
  }

  @Test
  void anotherOrgNeitherSeesNorReleasesAndOnlyThePlacerReleases() {
    try (MemoryEngine m = new MemoryEngine(dir)) {
      m.engine.hold(hold(m, "a1", "acme", CPU, GIB, Duration.ofMinutes(1)));
      assertThat(m.engine.findHold(Tenant.of("globex"), "a1")).isEmpty();
      assertThat(m.engine.listHolds(Tenant.of("globex"))).isEmpty();
      assertThatThrownBy(() -> m.engine.releaseHold(Tenant.of("globex"), "a1", PEER))
          .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
      assertThatThrownBy(() -> m.engine.releaseHold(Tenant.of("acme"), "a1", "12D3KooWOther"))
          .isInstanceOfSatisfying(NodeException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
      assertThat(m.engine.releaseHold(Tenant.of("acme"), "a1", PEER).id()).isEqualTo("a1");
      assertThat(m.engine.listHolds(Tenant.ALL)).isEmpty();
    }
  }

  @Test
  void aDeploymentIntoAHoldConsumesItAndIsRefusedBeyondIt() {
    try (MemoryEngine m = new MemoryEngine(dir, new NodeCapacity(4 * CPU, 4 * GIB, 10))) {
      m.engine.hold(hold(m, "a1", "acme", 3 * CPU, GIB, Duration.ofMinutes(10)));
      Tenant acme = Tenant.of("acme");
      assertThatThrownBy(() -> m.engine.deployInto(Tenant.of("globex"), reserving("web", 1, "1", "100M"), "a1"))
          .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
      assertThatThrownBy(() -> m.engine.deployInto(acme, reserving("web", 1, "3.5", "100M"), "a1"))
          .isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
            assertThat(e.getMessage()).contains("asks for more than allocation 'a1' reserved: 3.50 CPUs (reserved"
                + " 3.00)");
          });
      m.engine.deployInto(acme, reserving("web", 1, "3", "1G"), "a1");
      assertThat(m.engine.findHold(acme, "a1").orElseThrow().usedBy()).isEqualTo("web");
      assertThat(m.engine.unreserved().nanoCpus()).as("the deployment counts, the used hold no more")
          .isEqualTo(CPU);
      assertThatThrownBy(() -> m.engine.deployInto(acme, reserving("web2", 1, "1", "1M"), "a1"))
          .isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
            assertThat(e.getMessage()).contains("used by deployment 'web'");
          });
    }
  }

  @Test
  void anExpiredHoldTakesNoDeployment() {
    try (MemoryEngine m = new MemoryEngine(dir)) {
      m.engine.hold(hold(m, "a1", "", CPU, GIB, Duration.ofSeconds(10)));
      m.advance(Duration.ofSeconds(11));
      assertThatThrownBy(() -> m.engine.deployInto(Tenant.of(null), reserving("web", 1, "1", "1M"), "a1"))
          .isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
            assertThat(e.getMessage()).contains("expired at");
          });
    }
  }

  @Test
  void theStoredFormRoundTripsEveryField() {
    CapacityHold h = new CapacityHold("a-1", "org\twith\ntabs", "12D3KooWX", 5, 6, 2, List.of("0", "3"),
        Instant.ofEpochMilli(1000), Instant.ofEpochMilli(2000), "web");
    assertThat(CapacityHolds.decode(CapacityHolds.encode(h))).isEqualTo(h);
    CapacityHold none = new CapacityHold("b", "", "p", 0, 0, 1, List.of(), Instant.EPOCH, Instant.ofEpochMilli(1),
        "");
    assertThat(CapacityHolds.decode(CapacityHolds.encode(none))).isEqualTo(none);
  }
}
