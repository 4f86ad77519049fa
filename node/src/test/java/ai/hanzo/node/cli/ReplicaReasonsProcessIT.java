package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.ContainerInfo;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploySpec;
import ai.hanzo.node.api.v1.DeploymentStatus;
import ai.hanzo.node.api.v1.GetDeploymentRequest;
import ai.hanzo.node.api.v1.InspectContainerRequest;
import ai.hanzo.node.api.v1.ListContainersRequest;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.ReplicaStatus;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.cli.ClientCommandsIT.Result;
import ai.hanzo.node.runtime.TestContainers;
import ai.hanzo.node.runtime.host.HostRuntimeConfig;
import ai.hanzo.node.runtime.process.ProcessRuntime;
import ai.hanzo.node.testing.NodeProcess;
import com.linecorp.armeria.client.grpc.GrpcClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why a replica does not run, end to end: a real node process with the process runtime runs a deployment whose
 * {@code web} replica is fine and whose {@code broken} replica's command does not exist (the shell exits 127 at once,
 * and {@code restart: always} backs it off). The reason, message and restart count are the same through gRPC
 * (GetDeployment, InspectContainer, ListContainers), the HTTP JSON mirror and the CLI ({@code ps},
 * {@code containers}, {@code inspect}). Restarts keep counting while the test reads, so every read waits for a
 * count of at least {@link #RESTARTS}.
 */
class ReplicaReasonsProcessIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int RESTARTS = 2;
  private static final String NOT_FOUND = "exit code 127 (command not found)";

  @TempDir static Path tmp;
  static NodeProcess node;
  static String endpoint;
  static String http;
  static NodeServiceGrpc.NodeServiceBlockingStub grpc;
  static NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin;

  @BeforeAll
  static void start() throws Exception {
    node = NodeProcess.start(tmp.resolve("data"), "--runtime", "process");
    var ports = node.awaitReady(WAIT);
    endpoint = "127.0.0.1:" + ports.get("grpc");
    http = "http://127.0.0.1:" + ports.get("http");
    grpc = GrpcClients.newClient("http://" + endpoint, NodeServiceGrpc.NodeServiceBlockingStub.class);
    admin = GrpcClients.newClient("http://" + endpoint, NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
    grpc.deploy(DeployRequest.newBuilder().setDeploymentId("mixed").setName("mixed")
        .setSpec(ComposeSpec.newBuilder()
            .putServices("web", ServiceSpec.newBuilder().setImage("process")
                .addAllCommand(List.of("sh", "-c", "exec sleep 300")).setRestart("always")
                .setDeploy(DeploySpec.newBuilder().setReplicas(1)).build())
            .putServices("broken", ServiceSpec.newBuilder().setImage("process")
                .addAllCommand(List.of("no-such-command-hanzo-it")).setRestart("always")
                .setDeploy(DeploySpec.newBuilder().setReplicas(1)).build()))
        .build());
  }

  @AfterAll
  static void stop() throws Exception {
    Path dataDir = tmp.resolve("data");
    try {
      if (node != null) {
        assertThat(node.terminate(WAIT)).as(node.output()).isZero();
      }
    } finally {
      if (node != null) {
        node.close();
      }
      try (ProcessRuntime runtime = new ProcessRuntime(HostRuntimeConfig.of(dataDir.resolve("runtime"), dataDir))) {
        TestContainers.removeAll(runtime);
      }
    }
  }

  private static ReplicaStatus replica(DeploymentStatus d, String name) {
    return d.getReplicaStatusesList().stream().filter(r -> r.getName().equals(name)).findFirst().orElseThrow();
  }

  /** A replica's state is {@code waiting}; its container's is the runtime's ({@code exited}) with the same reason. */
  private static boolean backingOff(String state, String reason, String message, int restarts) {
    return (state.equals("waiting") || state.equals("exited")) && reason.equals("CrashLoopBackOff")
        && message.contains(NOT_FOUND) && restarts >= RESTARTS;
  }

  private static String brokenContainerId() {
    return await().atMost(WAIT).until(() -> replica(deployment(), "mixed-broken-1").getContainerId(),
        id -> !id.isEmpty());
  }

  private static DeploymentStatus deployment() {
    return admin.getDeployment(GetDeploymentRequest.newBuilder().setDeploymentId("mixed").build());
  }

  @Test
  void grpcGivesTheReasonMessageAndRestartCountOfTheBrokenReplicaAndNoneForTheHealthyOne() {
    DeploymentStatus d = await().atMost(WAIT).until(ReplicaReasonsProcessIT::deployment, s -> {
      ReplicaStatus b = replica(s, "mixed-broken-1");
      return backingOff(b.getState(), b.getReason(), b.getMessage(), b.getRestartCount())
          && replica(s, "mixed-web-1").getState().equals("running");
    });
    ReplicaStatus broken = replica(d, "mixed-broken-1");
    assertThat(broken.getExitCode()).isEqualTo(127);
    assertThat(broken.getNextRetryMillis()).isPositive();
    assertThat(broken.getMessage()).startsWith("back-off: restart ");
    ReplicaStatus web = replica(d, "mixed-web-1");
    assertThat(web.getReason()).isEmpty();
    assertThat(web.getMessage()).isEmpty();
    assertThat(web.getRestartCount()).isZero();
    assertThat(d.getReadyReplicas()).isEqualTo(1);
    assertThat(d.getReplicas()).isEqualTo(2);

    String id = brokenContainerId();
    ContainerInfo inspected = await().atMost(WAIT).until(() -> grpc.inspectContainer(
            InspectContainerRequest.newBuilder().setContainerId(id).build()),
        c -> backingOff(c.getState(), c.getReason(), c.getMessage(), c.getRestartCount()));
    assertThat(inspected.getName()).isEqualTo("mixed-broken-1");
    assertThat(inspected.getState()).isEqualTo("exited");
    assertThat(inspected.getNextRetryMillis()).isPositive();

    List<ContainerInfo> all = await().atMost(WAIT).until(() -> grpc.listContainers(ListContainersRequest
            .newBuilder().setAll(true).putFilters("deployment", "mixed").build()).getContainersList(),
        cs -> cs.stream().anyMatch(c -> c.getName().equals("mixed-broken-1")
            && backingOff(c.getState(), c.getReason(), c.getMessage(), c.getRestartCount())));
    assertThat(all).filteredOn(c -> c.getName().equals("mixed-web-1")).singleElement()
        .satisfies(c -> {
          assertThat(c.getState()).isEqualTo("running");
          assertThat(c.getReason()).isEmpty();
        });
  }

  @Test
  void theHttpMirrorCarriesTheSameFields() throws Exception {
    Pattern restarts = Pattern.compile("\"restartCount\": (\\d+)");
    String deployment = await().atMost(WAIT).until(() -> get("/v1/deployments/mixed"),
        body -> body.contains("\"reason\": \"CrashLoopBackOff\"") && body.contains(NOT_FOUND)
            && maxOf(restarts.matcher(body)) >= RESTARTS);
    assertThat(deployment).contains("\"replicaStatuses\"").contains("\"name\": \"mixed-broken-1\"")
        .contains("\"nextRetryMillis\"").contains("\"exitCode\": 127");

    String id = brokenContainerId();
    String container = await().atMost(WAIT).until(() -> get("/v1/containers/" + id),
        body -> body.contains("\"reason\": \"CrashLoopBackOff\"") && body.contains(NOT_FOUND)
            && maxOf(restarts.matcher(body)) >= RESTARTS);
    assertThat(container).contains("\"name\": \"mixed-broken-1\"").contains("\"state\": \"exited\"");

    String listed = await().atMost(WAIT).until(() -> get("/v1/containers?all=true&deployment=mixed"),
        body -> body.contains("\"reason\": \"CrashLoopBackOff\""));
    assertThat(listed).contains("mixed-web-1").contains("mixed-broken-1");
  }

  @Test
  void theCliShowsTheStatusRestartsAndMessage() {
    String ps = awaitCli(out -> out.contains("waiting: CrashLoopBackOff (mixed-broken-1)"), "ps");
    assertThat(ps).containsPattern(
        "(?m)^mixed +mixed +\\S+ +\\S+ +1/2 +\\d+  waiting: CrashLoopBackOff \\(mixed-broken-1\\)$");

    Pattern row = Pattern.compile("(?m)^\\S+ +mixed-broken-1 +process +exited: CrashLoopBackOff +(\\d+) ");
    String containers = awaitCli(out -> restartsAtLeast(row.matcher(out)), "containers", "--all");
    assertThat(containers).startsWith("CONTAINER").contains("STATUS").contains("RESTARTS")
        .containsPattern("(?m)^\\S+ +mixed-web-1 +process +running +0 ");

    Pattern replicaRow = Pattern.compile("(?m)^mixed-broken-1 +\\S+ +waiting: CrashLoopBackOff +(\\d+) +back-off: "
        + "restart \\d+ at \\S+ after " + Pattern.quote(NOT_FOUND) + " \\(next attempt at \\S+\\)$");
    String inspect = awaitCli(out -> restartsAtLeast(replicaRow.matcher(out)), "inspect", "mixed");
    assertThat(inspect).contains("READY").contains("1/2").containsPattern("(?m)^mixed-web-1 +\\S+ +running +0 *$");

    // Between an exit and the pass that schedules its restart the status is "exited: Error" for a moment: the
    // back-off is what the replica shows while it waits, so that is what is awaited.
    Pattern restarts = Pattern.compile("(?m)^RESTARTS +(\\d+)$");
    Pattern backingOff = Pattern.compile("(?m)^STATUS +exited: CrashLoopBackOff$");
    String container = awaitCli(out -> restartsAtLeast(restarts.matcher(out)) && out.contains(NOT_FOUND)
        && backingOff.matcher(out).find(), "inspect", "mixed-broken-1");
    assertThat(container).containsPattern("(?m)^NAME +mixed-broken-1$");
  }

  private static String awaitCli(java.util.function.Predicate<String> done, String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--endpoint";
    all[args.length + 1] = endpoint;
    Result r = await().atMost(WAIT).until(() -> ClientCommandsIT.run(all), res -> res.exit() == 0
        && done.test(res.out()));
    assertThat(r.err()).isEmpty();
    return r.out();
  }

  private static boolean restartsAtLeast(Matcher m) {
    return m.find() && Integer.parseInt(m.group(1)) >= RESTARTS;
  }

  private static int maxOf(Matcher m) {
    int max = -1;
    while (m.find()) {
      max = Math.max(max, Integer.parseInt(m.group(1)));
    }
    return max;
  }

  private static String get(String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }
}
