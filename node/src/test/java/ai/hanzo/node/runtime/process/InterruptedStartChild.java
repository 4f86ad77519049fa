package ai.hanzo.node.runtime.process;

import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The node side of {@link InterruptedStartIT}, in a JVM of its own so the test can SIGKILL it: warms up with one
 * throwaway container (so the start that matters is as fast as a running node's), prints {@code go}, starts the
 * given container and prints {@code started}, then waits to be killed.
 */
public final class InterruptedStartChild {
  private InterruptedStartChild() {}

  public static void main(String[] args) throws InterruptedException {
    Path root = Path.of(args[0]);
    Path dataDir = Path.of(args[1]);
    ProcessRuntime runtime = new ProcessRuntime(HostRuntimeConfig.of(root, dataDir));
    String warmup = runtime.create(ContainerSpec.of("warmup-" + ProcessHandle.current().pid(), "",
        List.of("/bin/true")));
    runtime.start(warmup);
    runtime.stop(warmup, Duration.ZERO);
    runtime.remove(warmup);
    System.out.println("go");
    System.out.flush();
    runtime.start(args[2]);
    System.out.println("started");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
