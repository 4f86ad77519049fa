package ai.hanzo.node.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.LogEntry;
import ai.hanzo.node.runtime.LogQuery;
import ai.hanzo.node.runtime.RecordingLogConsumer;
import ai.hanzo.node.runtime.TestContainers;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's threads do not grow with its replicas: no thread per log pipe, none per shim. 200 running process
 * replicas (each printing a line, so their pumps really work) may add only a constant number of threads.
 */
class ReplicaThreadsIT {
  private static final int REPLICAS = 200;

  @TempDir
  Path dataDir;

  private ProcessRuntime runtime;

  @AfterEach
  void removeEverything() {
    if (runtime != null) {
      try {
        TestContainers.removeAll(runtime);
      } finally {
        runtime.close();
      }
    }
  }

  @Test
  void twoHundredReplicasAddAConstantNumberOfThreads() throws Exception {
    runtime = new ProcessRuntime(HostRuntimeConfig.of(dataDir.resolve("runtime"), dataDir));
    String first = start("replica-0");
    awaitLine(first, "up replica-0");
    int before = ManagementFactory.getThreadMXBean().getThreadCount();

    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= REPLICAS; i++) {
      ids.add(start("replica-" + i));
    }
    String last = ids.get(ids.size() - 1);
    awaitLine(last, "up replica-" + REPLICAS);
    int after = ManagementFactory.getThreadMXBean().getThreadCount();
    System.out.println("threads with 1 replica: " + before + ", with " + (REPLICAS + 1) + ": " + after);

    // a thread per replica would be +200; the JVM's own pools may add a few
    assertThat(after - before).isLessThan(20);
  }

  private String start(String name) {
    String id = runtime.create(ContainerSpec.of(name, "", List.of("/bin/sh", "-c", "echo up " + name
        + "; exec sleep 600")));
    runtime.start(id);
    return id;
  }

  private void awaitLine(String id, String line) {
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      RecordingLogConsumer consumer = new RecordingLogConsumer();
      try (var subscription = runtime.logs(id, LogQuery.ALL, consumer)) {
        subscription.done().get(10, java.util.concurrent.TimeUnit.SECONDS);
      }
      return consumer.entries().stream().map(LogEntry::line).anyMatch(line::equals);
    });
  }
}
