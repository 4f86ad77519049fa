package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.NodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RestartPolicyTest {
  @Test
  void noNeverRestarts() {
    assertThat(RestartPolicy.parse("", "f").restarts(1, 0)).isFalse();
    assertThat(RestartPolicy.parse("no", "f").restarts(137, 0)).isFalse();
  }

  @Test
  void alwaysAndUnlessStoppedRestartWhateverTheExit() {
    for (String p : new String[] {"always", "unless-stopped"}) {
      assertThat(RestartPolicy.parse(p, "f").restarts(0, 100)).isTrue();
      assertThat(RestartPolicy.parse(p, "f").restarts(2, 100)).isTrue();
    }
  }

  @Test
  void onFailureRestartsOnlyFailuresUpToItsLimit() {
    RestartPolicy p = RestartPolicy.parse("on-failure:2", "f");
    assertThat(p.restarts(0, 0)).isFalse();
    assertThat(p.restarts(1, 0)).isTrue();
    assertThat(p.restarts(1, 1)).isTrue();
    assertThat(p.restarts(1, 2)).isFalse();
    assertThat(RestartPolicy.parse("on-failure", "f").restarts(1, 1_000)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sometimes", "on-failure:0", "on-failure:-1", "on-failure:x", "on-failure:"})
  void unknownPoliciesNameTheField(String text) {
    assertThatThrownBy(() -> RestartPolicy.parse(text, "spec.services.web.restart"))
        .isInstanceOf(NodeException.class).hasMessageContaining("spec.services.web.restart")
        .hasMessageContaining(text);
  }
}
