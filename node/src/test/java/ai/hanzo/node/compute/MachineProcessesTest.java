package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default process budget from the machine's limits, read from a /proc and a /sys/fs/cgroup laid out by hand. */
class MachineProcessesTest {
  @TempDir Path proc;
  @TempDir Path cgroups;

  private void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private void kernel(String pidMax, String threadsMax, String ulimit) throws IOException {
    write(proc.resolve("sys/kernel/pid_max"), pidMax + "\n");
    write(proc.resolve("sys/kernel/threads-max"), threadsMax + "\n");
    write(proc.resolve("self/limits"), "Limit                     Soft Limit           Hard Limit           Units\n"
        + "Max cpu time              unlimited            unlimited            seconds\n"
        + "Max processes             " + ulimit + "                " + ulimit + "                processes\n");
  }

  @Test
  void theSmallestOfPidMaxThreadsMaxAndUlimitWins() throws IOException {
    kernel("4194304", "192735", "96367");
    write(proc.resolve("self/cgroup"), "0::/user.slice\n");
    assertThat(MachineProcesses.limit(proc, cgroups)).hasValue(96367);
    kernel("32768", "192735", "unlimited");
    assertThat(MachineProcesses.limit(proc, cgroups)).hasValue(32768);
  }

  @Test
  void aCgroupV2LimitOnTheWayToTheRootCounts() throws IOException {
    kernel("4194304", "192735", "unlimited");
    write(proc.resolve("self/cgroup"), "0::/system.slice/hanzo.service\n");
    write(cgroups.resolve("system.slice/hanzo.service/pids.max"), "max\n");
    write(cgroups.resolve("system.slice/pids.max"), "5000\n");
    assertThat(MachineProcesses.limit(proc, cgroups)).hasValue(5000);
  }

  @Test
  void aCgroupV1PidsControllerCounts() throws IOException {
    kernel("4194304", "192735", "unlimited");
    write(proc.resolve("self/cgroup"), "9:name=systemd:/\n8:pids:/docker/abc\n4:memory:/docker/abc\n");
    write(cgroups.resolve("pids/docker/abc/pids.max"), "2048\n");
    assertThat(MachineProcesses.limit(proc, cgroups)).hasValue(2048);
  }

  @Test
  void nothingReadableIsEmptyAndTheBudgetLeavesHeadroom() {
    assertThat(MachineProcesses.limit(proc, cgroups)).isEmpty();
    assertThat(MachineProcesses.budget(32_768)).as("an eighth").isEqualTo(28_672);
    assertThat(MachineProcesses.budget(4096)).as("at least 1024").isEqualTo(3072);
    assertThat(MachineProcesses.budget(1000)).as("at most half").isEqualTo(500);
    assertThat(MachineProcesses.budget()).isPositive();
  }

  @Test
  void theMachinesOwnSysctlFilesAreReadWhole() {
    Path pidMax = Path.of("/proc/sys/kernel/pid_max");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(pidMax), "not Linux");
    // procfs says size 0 and a sysctl file answers only a read at offset 0: a reader that reads one byte first
    // gets "3" for 32768. Linux's smallest pid_max is 301.
    assertThat(Long.parseLong(MachineProcesses.read(pidMax).trim())).isGreaterThanOrEqualTo(301);
    assertThat(MachineProcesses.limit(Path.of("/proc"), Path.of("/sys/fs/cgroup")).orElseThrow())
        .isGreaterThanOrEqualTo(301);
  }
}
