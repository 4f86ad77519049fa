package ai.hanzo.bench.compute;

import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.process.ProcessRuntime;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * n process replicas through the process runtime in this JVM (no node around it): every 100 replicas the JVM's
 * thread count, its RSS and the create+start rate of the last 100, so a cost per replica (a thread, a file read
 * per existing container) shows as growth. Everything is stopped and removed at the end.
 */
final class ReplicaThreads {
  private ReplicaThreads() {}

  static void run(int n) throws IOException {
    Path data = Files.createTempDirectory("hanzo-replica-threads");
    List<String> ids = new ArrayList<>();
    try (ProcessRuntime runtime = new ProcessRuntime(HostRuntimeConfig.of(data.resolve("runtime"), data))) {
      System.out.printf("replicas  threads  rss-MB  creates/s(last 100)%n");
      report(0, 0);
      long batchStart = System.nanoTime();
      try {
        for (int i = 1; i <= n; i++) {
          String id = runtime.create(ContainerSpec.of("replica-" + i, "", List.of("sleep", "3600")));
          ids.add(id);
          runtime.start(id);
          if (i % 100 == 0 || i == n) {
            double seconds = (System.nanoTime() - batchStart) / 1e9;
            report(i, (i % 100 == 0 ? 100 : i % 100) / seconds);
            batchStart = System.nanoTime();
          }
        }
      } finally {
        for (String id : ids) {
          runtime.stop(id, Duration.ZERO);
          runtime.remove(id);
        }
      }
    }
  }

  private static void report(int replicas, double rate) throws IOException {
    long rssKb = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
        .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0);
    System.out.printf("%8d  %7d  %6.1f  %8.1f%n", replicas, ManagementFactory.getThreadMXBean().getThreadCount(),
        rssKb / 1024.0, rate);
  }
}
