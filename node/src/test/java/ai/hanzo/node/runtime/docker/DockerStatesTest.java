package ai.hanzo.node.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.runtime.ContainerStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DockerStatesTest {
  @Test
  void engineStatusesMapToOurs() {
    assertThat(DockerStates.status("created")).isEqualTo(ContainerStatus.CREATED);
    assertThat(DockerStates.status("running")).isEqualTo(ContainerStatus.RUNNING);
    assertThat(DockerStates.status("exited")).isEqualTo(ContainerStatus.EXITED);
    assertThat(DockerStates.status("dead")).isEqualTo(ContainerStatus.DEAD);
    assertThat(DockerStates.status(null)).isEqualTo(ContainerStatus.DEAD);
  }

  @Test
  void zeroTimeMeansNeverAndOffsetsAreAccepted() {
    assertThat(DockerStates.time("0001-01-01T00:00:00Z")).isNull();
    assertThat(DockerStates.time("")).isNull();
    assertThat(DockerStates.time("2026-11-26T00:00:01.123456789Z"))
        .isEqualTo(Instant.parse("2026-11-26T00:00:01.123456789Z"));
    assertThat(DockerStates.time("2026-11-26T01:00:01+01:00")).isEqualTo(Instant.parse("2026-11-26T00:00:01Z"));
  }
}
