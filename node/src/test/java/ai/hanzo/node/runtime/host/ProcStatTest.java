package ai.hanzo.node.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcStatTest {
  private static final String STAT = "1234 (my (odd) cmd) S 1 1234 1234 0 -1 4194560 100 0 0 0 5 6 0 0 20 0 1 0 "
      + "987654 1000 200 18446744073709551615";

  @Test
  void startTimeIsField22EvenWithParenthesesInTheName() {
    assertThat(ProcStat.parseStartTime(STAT)).hasValue(987654);
  }

  @Test
  void zombiesAndGarbageHaveNoStartTime() {
    assertThat(ProcStat.parseStartTime(STAT.replace(") S ", ") Z "))).isEmpty();
    assertThat(ProcStat.parseStartTime("")).isEmpty();
    assertThat(ProcStat.parseStartTime("12 (x) S 1 2")).isEmpty();
    assertThat(ProcStat.parseStartTime("12 (x)")).isEqualTo(OptionalLong.empty());
  }

  @Test
  void thisProcessIsAliveWithItsOwnStartTime() {
    ProcStat proc = new ProcStat();
    long pid = ProcessHandle.current().pid();
    long start = proc.startTime(pid).orElseThrow();
    assertThat(proc.alive(pid, start)).isTrue();
    assertThat(proc.alive(pid, start + 1)).isFalse();
    assertThat(proc.alive(0, start)).isFalse();
  }
}
