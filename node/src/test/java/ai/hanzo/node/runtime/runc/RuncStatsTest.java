package ai.hanzo.node.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ContainerStats;
import org.junit.jupiter.api.Test;

class RuncStatsTest {
  private final RuncStats parser = new RuncStats();

  @Test
  void statsEventGivesCpuMemoryAndPids() {
    String event = "{\"type\":\"stats\",\"id\":\"c1\",\"data\":{\"cpu\":{\"usage\":{\"total\":123456}},"
        + "\"memory\":{\"usage\":{\"usage\":4096}},\"pids\":{\"current\":3}}}";
    assertThat(parser.parse("c1", event)).isEqualTo(new ContainerStats("c1", 123456, 4096, 3));
  }

  @Test
  void stateGivesStatusAndPid() {
    assertThat(parser.parseState("{\"ociVersion\":\"1.0.2\",\"id\":\"c1\",\"pid\":42,\"status\":\"running\"}"))
        .isEqualTo(new RuncStats.State("running", 42));
  }

  @Test
  void garbageIsACleanIoError() {
    assertThatThrownBy(() -> parser.parse("c1", "not json")).isInstanceOf(ContainerRuntimeException.class)
        .hasMessageContaining("IO");
    assertThatThrownBy(() -> parser.parse("c1", "{}")).isInstanceOf(ContainerRuntimeException.class);
    assertThatThrownBy(() -> parser.parseState("{")).isInstanceOf(ContainerRuntimeException.class);
  }
}
