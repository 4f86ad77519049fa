package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.NodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceQuantitiesTest {
  @ParameterizedTest
  @CsvSource({"512M,536870912", "1g,1073741824", "1024k,1048576", "100,100", "2GB,2147483648", "'',0"})
  void memorySizes(String text, long bytes) {
    assertThat(ResourceQuantities.memoryBytes(text, "m")).isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource({"0.5,500000000", "2,2000000000", "'',0"})
  void cpus(String text, long nanos) {
    assertThat(ResourceQuantities.nanoCpus(text, "c")).isEqualTo(nanos);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lots", "-1M", "12q", "99999999999999999999g", "M"})
  void badMemoryNamesTheField(String text) {
    assertThatThrownBy(() -> ResourceQuantities.memoryBytes(text, "spec.services.a.memory"))
        .isInstanceOf(NodeException.class).hasMessageContaining("spec.services.a.memory");
  }

  @ParameterizedTest
  @ValueSource(strings = {"half", "-0.5", "100000"})
  void badCpusNameTheField(String text) {
    assertThatThrownBy(() -> ResourceQuantities.nanoCpus(text, "spec.services.a.cpus"))
        .isInstanceOf(NodeException.class).hasMessageContaining("spec.services.a.cpus");
  }
}
