package ai.hanzo.node.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.runtime.ContainerSpec;
import ai.hanzo.node.runtime.ContainerStats;
import ai.hanzo.node.runtime.ResourceLimits;
import java.util.List;
import java.util.Map;
import ai.hanzo.node.runtime.ContainerStatus;
import ai.hanzo.node.runtime.NetworkMode;
import org.junit.jupiter.api.Test;

import ai.hanzo.node.runtime.BusyboxImage;
import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.runtime.ContainerRuntimeContractIT;
import ai.hanzo.node.runtime.RuntimeWarnings;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class DockerRuntimeContractIT extends ContainerRuntimeContractIT {
  private static final String REPOSITORY = "localhost/hanzo-busybox-contract";
  private static final String IMAGE = REPOSITORY + ":latest";

  private static PodmanService engine;
  private static String imageId;

  @BeforeAll
  static void startEngineAndImportBusybox(@TempDir Path work) throws IOException {
    // docker-java logs every byte on the wire at DEBUG, the default level without a logback config
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.github.dockerjava"))
        .setLevel(ch.qos.logback.classic.Level.INFO);
    engine = PodmanService.startOrSkip();
    try (DockerClient client = client();
        InputStream tar = Files.newInputStream(BusyboxImage.buildDockerArchive(work, IMAGE))) {
      client.loadImageCmd(tar).exec();
      imageId = client.inspectImageCmd(IMAGE).exec().getId();
    }
  }

  @AfterAll
  static void removeImageAndStopEngine() throws IOException {
    try {
      if (engine != null && imageId != null) {
        try (DockerClient client = client()) {
          client.removeImageCmd(IMAGE).withForce(true).exec();
        }
      }
    } finally {
      if (engine != null) {
        engine.close();
      }
    }
  }

  private static DockerClient client() {
    return DockerClientImpl.getInstance(new DefaultDockerClientConfig.Builder()
        .withDockerHost(engine.host().toString()).build(),
        new ZerodepDockerHttpClient.Builder().dockerHost(engine.host()).build());
  }

  @Test
  void networkBytesAreReportedOnlyWhereTheyAreTheContainersOwn() {
    String host = run(spec("host-net", "sleep 60"));
    String none = run(new ContainerSpec("no-net", IMAGE, List.of(), List.of("sh", "-c", "sleep 60"), Map.of(), "",
        Map.of("suite", "contract"), ResourceLimits.NONE, List.of(), NetworkMode.NONE, null));
    awaitStatus(host, ContainerStatus.RUNNING);
    awaitStatus(none, ContainerStatus.RUNNING);

    // on the host's network the engine's counters are the host's traffic: not this container's to be metered
    ContainerStats onHost = runtime.stats(host);
    assertThat(onHost.rxBytes()).isEqualTo(ContainerStats.UNREPORTED);
    assertThat(onHost.txBytes()).isEqualTo(ContainerStats.UNREPORTED);
    // without a network it has only loopback, and sends and receives nothing
    ContainerStats isolated = runtime.stats(none);
    assertThat(isolated.rxBytes()).isZero();
    assertThat(isolated.txBytes()).isZero();
  }

  @Override
  protected ContainerRuntime newRuntime(Path root, Path dataDir, RuntimeWarnings warnings) {
    return new DockerRuntime(new DockerRuntimeConfig(engine.host(), dataDir, "contract-" + UUID.randomUUID()));
  }

  @Override
  protected String image() {
    return IMAGE;
  }

  @Override
  protected boolean logsAreNodeFiles() {
    return false;
  }

  @Override
  protected String memoryLimitUnenforcedReason() {
    return null;
  }

  @Override
  protected boolean execTerminalHasASize() {
    return false;
  }
}
