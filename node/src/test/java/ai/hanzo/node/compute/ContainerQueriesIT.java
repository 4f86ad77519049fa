package ai.hanzo.node.compute;

import static ai.hanzo.node.compute.ComputeFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.compute.ContainerService.ContainerSummary;
import ai.hanzo.node.compute.ContainerService.ExecChunk;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ListContainers filters, InspectContainer by id or name, and Exec, over the real process runtime. */
class ContainerQueriesIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dataDir;

  private ComputeFixture fx;
  private ContainerService containers;

  @BeforeEach
  void deployOneRunningAndOneFinished() {
    fx = new ComputeFixture(dataDir);
    fx.engine.start();
    containers = fx.engine.engine().containers();
    fx.engine.deploy(Tenant.ALL, request("up", "s", 1, "no", "exec sleep 60"));
    fx.engine.deploy(Tenant.ALL, request("done", "s", 1, "no", "exit 0"));
    await().atMost(WAIT).until(() -> fx.engine.get(Tenant.ALL, "up").orElseThrow().status().equals("running")
        && fx.engine.get(Tenant.ALL, "done").orElseThrow().status().equals("stopped"));
  }

  @AfterEach
  void cleanUp() {
    fx.close();
  }

  private static List<String> names(List<ContainerSummary> list) {
    return list.stream().map(ContainerSummary::name).toList();
  }

  @Test
  void filtersSelectByStatusDeploymentAndLabel() {
    assertThat(names(containers.list(Tenant.ALL, false, Map.of()))).containsExactly("up-s-1");
    assertThat(names(containers.list(Tenant.ALL, true, Map.of()))).containsExactlyInAnyOrder("up-s-1", "done-s-1");
    assertThat(names(containers.list(Tenant.ALL, false, Map.of("status", "exited")))).containsExactly("done-s-1");
    assertThat(names(containers.list(Tenant.ALL, true, Map.of("deployment", "done")))).containsExactly("done-s-1");
    assertThat(names(containers.list(Tenant.ALL, true, Map.of("label", ReplicaName.DEPLOYMENT_LABEL + "=up"))))
        .containsExactly("up-s-1");
    assertThat(names(containers.list(Tenant.ALL, true, Map.of("label", "no.such.label")))).isEmpty();
    assertThatThrownBy(() -> containers.list(Tenant.ALL, true, Map.of("colour", "red")))
        .hasMessageContaining("filters.colour");
    assertThatThrownBy(() -> containers.list(Tenant.ALL, true, Map.of("status", "sleepy")))
        .hasMessageContaining("filters.status");
  }

  @Test
  void inspectFindsByIdOrNameAndNotFoundOtherwise() {
    ContainerSummary byName = containers.inspect(Tenant.ALL, "done-s-1");
    assertThat(byName.state()).isEqualTo("exited");
    assertThat(byName.status()).startsWith("Exited (0)");
    assertThat(containers.inspect(Tenant.ALL, byName.id()).name()).isEqualTo("done-s-1");
    assertThatThrownBy(() -> containers.inspect(Tenant.ALL, "nope"))
        .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void execRunsInTheContainerAndEndsWithTheExitCode() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicInteger exit = new AtomicInteger(-1);
    CountDownLatch done = new CountDownLatch(1);
    StreamSink<ExecChunk> sink = new StreamSink<>() {
      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void whenReady(Runnable callback) {
        callback.run();
      }

      @Override
      public void next(ExecChunk chunk) {
        out.writeBytes(chunk.stdout());
        if (chunk.done()) {
          exit.set(chunk.exitCode());
        }
      }

      @Override
      public void complete() {
        done.countDown();
      }

      @Override
      public void fail(RuntimeException error) {
        done.countDown();
      }
    };
    try (ContainerService.ExecSession session = containers.exec(Tenant.ALL, "up-s-1",
        List.of("sh", "-c", "read line; echo \"got $line and $GREETING\"; exit 4"), false, sink)) {
      session.stdin("ping\n".getBytes(StandardCharsets.UTF_8));
      session.closeStdin();
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("got ping and hello\n");
    assertThat(exit.get()).isEqualTo(4);
  }
}
