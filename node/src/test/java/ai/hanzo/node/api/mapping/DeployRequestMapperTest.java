package ai.hanzo.node.api.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.ResourceLimits;
import ai.hanzo.node.api.v1.ResourceSpec;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.error.NodeException;
import org.junit.jupiter.api.Test;

class DeployRequestMapperTest {
  private static DeployRequest withPids(long pids) {
    ServiceSpec web = ServiceSpec.newBuilder().setImage("busybox").setDeploy(DeploySpec.newBuilder()
        .setResources(ResourceSpec.newBuilder().setLimits(ResourceLimits.newBuilder().setPids(pids)))).build();
    return DeployRequest.newBuilder().setSpec(ComposeSpec.newBuilder().putServices("web", web)).build();
  }

  @Test
  void aPidsLimitReachesTheServiceDefinition() {
    assertThat(DeployRequestMapper.map(withPids(50)).project().services().get("web").limits().pids())
        .isEqualTo(50);
    assertThat(DeployRequestMapper.map(withPids(0)).project().services().get("web").limits().pids()).isZero();
  }

  @Test
  void aNegativeOrHugePidsLimitIsRefusedNamingTheField() {
    for (long pids : new long[] {-1, -50, 4_194_305}) {
      assertThatThrownBy(() -> DeployRequestMapper.map(withPids(pids))).as("pids " + pids)
          .isInstanceOf(NodeException.class)
          .hasMessageContaining("spec.services[web].deploy.resources.limits.pids");
    }
  }
}
