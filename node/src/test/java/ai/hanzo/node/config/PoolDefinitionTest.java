package ai.hanzo.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code --pool NAME=KEY=VALUE[+KEY=VALUE...]}: what parses, and the bounds. */
class PoolDefinitionTest {
  @Test
  void aSelectorOfSeveralTermsParses() {
    PoolDefinition p = PoolDefinition.parse("gpu-eu=region=eu+gpu_model=A100+tier=gold+gpu_memory=40G");
    assertThat(p.id()).isEqualTo("gpu-eu");
    assertThat(p.selector()).containsExactlyInAnyOrderEntriesOf(Map.of("region", "eu", "gpu_model", "A100",
        "tier", "gold", "gpu_memory", "40G"));
    assertThat(p.gpuMemoryBytes()).isEqualTo(40L << 30);
    assertThat(PoolDefinition.parse("all=runtime=process").gpuMemoryBytes()).isZero();
  }

  @Test
  void badDefinitionsSayWhatIsWrong() {
    assertThatThrownBy(() -> PoolDefinition.parse("eu=")).hasMessageContaining("selector term '' is not KEY=VALUE");
    assertThatThrownBy(() -> PoolDefinition.parse("=region=eu")).hasMessageContaining("is not NAME=KEY=VALUE");
    assertThatThrownBy(() -> PoolDefinition.parse("a/b=region=eu")).hasMessageContaining("pool name 'a/b'");
    assertThatThrownBy(() -> PoolDefinition.parse("eu=region=eu+=x")).hasMessageContaining("'=x' is not KEY=VALUE");
    String seventeen = String.join("+", IntStream.range(0, 17).mapToObj(i -> "k" + i + "=v").toList());
    assertThatThrownBy(() -> PoolDefinition.parse("many=" + seventeen)).hasMessageContaining("1 to 16 KEY=VALUE");
    assertThatThrownBy(() -> PoolDefinition.parse("x".repeat(64) + "=region=eu"))
        .hasMessageContaining("must be 1 to 63");
  }

  @Test
  void aNodeHasAtMost32PoolsEachNameOnce() {
    List<PoolDefinition> many = IntStream.range(0, 33).mapToObj(i -> PoolDefinition.parse("p" + i + "=region=eu"))
        .toList();
    assertThatThrownBy(() -> new PlacementConfig("", "", Map.of(), PlacementConfig.DEFAULT_LEASE_TIMEOUT, many))
        .hasMessageContaining("at most 32 pools");
    List<PoolDefinition> twice = List.of(PoolDefinition.parse("p=region=eu"), PoolDefinition.parse("p=zone=a"));
    assertThatThrownBy(() -> new PlacementConfig("", "", Map.of(), PlacementConfig.DEFAULT_LEASE_TIMEOUT, twice))
        .hasMessageContaining("same name");
  }
}
