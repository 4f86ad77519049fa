package ai.hanzo.node.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import org.junit.jupiter.api.Test;

class SignalsTest {
  @Test
  void namesAndNumbersResolve() {
    assertThat(Signals.number("TERM")).isEqualTo(15);
    assertThat(Signals.number("SIGKILL")).isEqualTo(9);
    assertThat(Signals.number("sighup")).isEqualTo(1);
    assertThat(Signals.number("10")).isEqualTo(10);
  }

  @Test
  void nonsenseIsAnInvalidSpec() {
    for (String bad : new String[] {"", "NOPE", "0", "65", "-9", "SIG", "999999999999"}) {
      assertThatThrownBy(() -> Signals.number(bad)).as(bad)
          .isInstanceOfSatisfying(ContainerRuntimeException.class,
              e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.INVALID_SPEC));
    }
  }
}
