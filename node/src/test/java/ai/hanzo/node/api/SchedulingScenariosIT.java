package ai.hanzo.node.api;

import ai.hanzo.node.api.endpoint.ComputeEndpoint;
import static ai.hanzo.node.api.ApiScenarios.assertError;
import static ai.hanzo.node.api.ComputeScenariosIT.WAIT;
import static ai.hanzo.node.api.ComputeScenariosIT.awaitRunning;
import static ai.hanzo.node.api.ComputeScenariosIT.deployment;
import static ai.hanzo.node.api.ComputeScenariosIT.removeQuietly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.LiveNodes.Wire;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DrainPhase;
import ai.hanzo.node.api.v1.DrainRequest;
import ai.hanzo.node.api.v1.NodeState;
import ai.hanzo.node.api.v1.SchedulingStatus;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Cordon, Drain, Uncordon and GetScheduling on a real node, and what they do to Deploy and GetStatus. */
@ExtendWith(LiveNodes.Extension.class)
class SchedulingScenariosIT {
  private final LiveNodes nodes;

  SchedulingScenariosIT(LiveNodes nodes) {
    this.nodes = nodes;
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void cordonRefusesDeploysDrainStopsAndUncordonRestartsAndIsReady(Wire wire) {
    Transport api = nodes.main(wire);
    String running = wire.id("before-cordon");
    String refused = wire.id("while-cordoned");
    try {
      // Restart "always": what a drain stopped, uncordon starts again (SchedulingMemoryTest's case in the engine).
      DeployRequest always = deployment(running, 1, "exec sleep 600");
      api.deploy(always.toBuilder().setSpec(always.getSpec().toBuilder().putServices("app",
          always.getSpec().getServicesOrThrow("app").toBuilder().setRestart("always").build())).build());
      awaitRunning(api, running, 1);

      SchedulingStatus cordoned = api.cordon();
      assertThat(cordoned.getCordoned()).isTrue();
      assertThat(cordoned.getDrain()).isEqualTo(DrainPhase.DRAIN_PHASE_NONE);
      assertThat(api.scheduling().getCordoned()).isTrue();
      assertError(() -> api.deploy(deployment(refused, 1, "exec sleep 600")), "FAILED_PRECONDITION", null);
      assertThat(ComputeScenariosIT.running(api, running)).as("cordon leaves running deployments alone").hasSize(1);

      SchedulingStatus draining = api.drain(DrainRequest.newBuilder().setDeadlineSeconds(10).build());
      assertThat(draining.getDrain()).isIn(DrainPhase.DRAIN_PHASE_DRAINING, DrainPhase.DRAIN_PHASE_DRAINED);
      assertThat(draining.getDeployments()).isEqualTo(1);
      assertThat(api.status("").getState()).isEqualTo(NodeState.NODE_STATE_DRAINING);
      await().atMost(WAIT).until(() -> api.scheduling().getDrain() == DrainPhase.DRAIN_PHASE_DRAINED);
      awaitRunning(api, running, 0);
      assertError(() -> api.drain(DrainRequest.newBuilder().setDeadlineSeconds(ComputeEndpoint.MAX_DRAIN_SECONDS + 1)
          .build()), "INVALID_ARGUMENT",
          "deadline_seconds");

      SchedulingStatus uncordoned = api.uncordon();
      assertThat(uncordoned.getCordoned()).isFalse();
      assertThat(uncordoned.getDrain()).isEqualTo(DrainPhase.DRAIN_PHASE_NONE);
      assertThat(uncordoned.getDeployments()).isEqualTo(1);
      awaitRunning(api, running, 1);
      assertThat(api.status("").getState()).isEqualTo(NodeState.NODE_STATE_READY);
      assertThat(api.deploy(deployment(refused, 1, "exec sleep 600")).getSuccess()).isTrue();
    } finally {
      api.uncordon();
      removeQuietly(api, running);
      removeQuietly(api, refused);
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void schedulingIsNotForViewers(Wire wire) {
    Transport viewer = nodes.mainAsViewer(wire);
    assertThat(viewer.deployments().getDeploymentsList()).as("what a viewer may do").isNotNull();
    assertError(viewer::scheduling, "PERMISSION_DENIED", null);
    assertError(viewer::cordon, "PERMISSION_DENIED", null);
    assertThat(nodes.main(wire).scheduling().getCordoned()).isFalse();
  }
}
