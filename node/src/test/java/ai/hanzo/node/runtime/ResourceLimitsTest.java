package ai.hanzo.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceLimitsTest {
  @Test
  void theDefaultPidsLimitFillsOnlyAMissingOne() {
    assertThat(new ResourceLimits(64, 0, 0).withDefaultPids(1024)).isEqualTo(new ResourceLimits(64, 0, 1024));
    assertThat(new ResourceLimits(64, 0, 50).withDefaultPids(1024)).isEqualTo(new ResourceLimits(64, 0, 50));
    assertThat(ResourceLimits.NONE.withDefaultPids(0)).isEqualTo(ResourceLimits.NONE);
  }
}
