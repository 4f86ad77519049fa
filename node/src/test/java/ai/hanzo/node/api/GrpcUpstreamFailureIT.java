package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.GenerateChunk;
import ai.hanzo.node.api.v1.GenerateRequest;
import ai.hanzo.node.api.v1.InferenceServiceGrpc;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.llama.LlamaEngine;
import ai.hanzo.node.inference.serving.ModelServer;
import ai.hanzo.node.inference.upstream.UpstreamEngine;
import ai.hanzo.node.inference.upstream.UpstreamLimits;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.models.UpstreamTarget;
import ai.hanzo.node.models.UpstreamTuning;
import ai.hanzo.testing.gguf.TinyLlama;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streamed gRPC generate of a model of kind openai-upstream whose upstream is down (nothing listens), refuses
 * (answers HTTP 503) or hangs (accepts the connection, never answers): the client gets a clear status before any
 * token (UNAVAILABLE naming the upstream's failure, or DEADLINE_EXCEEDED for its own deadline), and the node keeps
 * serving: a local model generates while an upstream hangs, and a request abandoned at its deadline leaves its
 * model's queue. The upstreams that misbehave are adversaries written here; the local model is the real llama.cpp.
 */
class GrpcUpstreamFailureIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** How long the "hangs" upstream is waited for: long enough for the local model to answer meanwhile. */
  private static final long HANG_HEADERS_TIMEOUT_MS = 4_000;

  @TempDir Path dir;
  private HttpServer refusing;
  private ServerSocket hanging;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private final CountDownLatch hangAccepted = new CountDownLatch(1);
  private ModelServer models;
  private ApiFixture api;

  @BeforeEach
  void start() throws IOException {
    System.out.println("GrpcUpstreamFailureIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    refusing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    refusing.setExecutor(Executors.newSingleThreadExecutor());
    refusing.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      byte[] body = "{\"error\":{\"message\":\"overloaded, try later\"}}".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("content-type", "application/json");
      ex.sendResponseHeaders(503, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    refusing.start();
    hanging = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          held.add(hanging.accept()); // held open, never answered
          hangAccepted.countDown();
        }
      } catch (IOException closed) {
        // the test is over
      }
    }, "hanging-upstream");
    acceptor.setDaemon(true);
    acceptor.start();

    Path data = dir.resolve("data");
    ModelStore store = ModelStore.in(data, Clock.systemUTC());
    store.add(TinyLlama.write(dir, SEED), "tiny");
    // A context length each, so no model asks its upstream's /models in the background.
    store.addUpstream("down", new UpstreamTarget("http://127.0.0.1:" + closedPort() + "/v1", "m", "", "",
        new UpstreamTuning(2, 2_000, 2_000, 2_000, 64)));
    store.addUpstream("refuses", new UpstreamTarget("http://127.0.0.1:" + refusing.getAddress().getPort() + "/v1",
        "m", "", "", new UpstreamTuning(2, 2_000, 2_000, 2_000, 64)));
    store.addUpstream("hangs", new UpstreamTarget("http://127.0.0.1:" + hanging.getLocalPort() + "/v1", "m", "", "",
        new UpstreamTuning(2, 2_000, HANG_HEADERS_TIMEOUT_MS, 2_000, 64)));
    store.addUpstream("hangs-long", new UpstreamTarget("http://127.0.0.1:" + hanging.getLocalPort() + "/v1", "m",
        "", "", new UpstreamTuning(2, 2_000, 600_000, 600_000, 64)));
    models = new ModelServer(store, new LlamaEngine(2, 64), 1L << 30, 2, new LoadOptions(0, 1),
        (reference, name) -> {
          throw new AssertionError("no pulls here");
        }, Optional.of(new UpstreamEngine(UpstreamLimits.defaults(), Map.<String, String>of()::get)));
    api = new ApiFixture(data, Optional.empty(), ApiServers.IDLE_TIMEOUT, Optional.of(models), Optional.empty());
  }

  @AfterEach
  void stop() throws IOException {
    try {
      if (api != null) {
        api.close();
      }
    } finally {
      if (models != null) {
        models.close();
      }
      refusing.stop(0);
      hanging.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void anUpstreamThatIsDownOrRefusesIsUnavailableBeforeAnyToken() throws Exception {
    Streamed down = stream("down", WAIT);
    Streamed refused = stream("refuses", WAIT);

    down.assertFailed(Status.Code.UNAVAILABLE, "the upstream of model 'down'", "unreachable");
    refused.assertFailed(Status.Code.UNAVAILABLE, "the upstream of model 'refuses'", "HTTP 503",
        "overloaded, try later");
    assertServes();
  }

  @Test
  void anUpstreamThatHangsIsUnavailableAtItsHeadersTimeoutAndTheNodeServesMeanwhile() throws Exception {
    Streamed hung = stream("hangs", WAIT);
    assertThat(hangAccepted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the node called the upstream").isTrue();

    assertServes(); // while the upstream holds its request
    hung.assertFailed(Status.Code.UNAVAILABLE, "the upstream of model 'hangs'", "did not answer within");
  }

  @Test
  void aClientDeadlineEndsAHungGenerationAndFreesItsPlace() throws Exception {
    Streamed late = stream("hangs-long", Duration.ofMillis(1_500));

    late.assertFailed(Status.Code.DEADLINE_EXCEEDED);
    await().atMost(WAIT).until(() -> models.peek("hangs-long").map(m -> m.pending() == 0).orElse(true));
    assertServes();
  }

  /** The local model still streams a whole generation. */
  private void assertServes() {
    List<GenerateChunk> chunks = new java.util.ArrayList<>();
    inference().withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS).generateStream(GenerateRequest
        .newBuilder().setModel("tiny").setPrompt("hello world").setMaxTokens(4).setTemperature(0).build())
        .forEachRemaining(chunks::add);
    assertThat(chunks.get(chunks.size() - 1).getFinishReason()).isEqualTo("length");
    assertThat(chunks.get(chunks.size() - 1).getUsage().getCompletionTokens()).isEqualTo(4);
  }

  private Streamed stream(String model, Duration deadline) {
    Streamed s = new Streamed();
    GrpcClients.builder(api.grpcUri()).build(InferenceServiceGrpc.InferenceServiceStub.class)
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
        .generateStream(GenerateRequest.newBuilder().setModel(model).setPrompt("hello").setMaxTokens(8).build(), s);
    return s;
  }

  private InferenceServiceGrpc.InferenceServiceBlockingStub inference() {
    return GrpcClients.builder(api.grpcUri()).build(InferenceServiceGrpc.InferenceServiceBlockingStub.class);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** One streamed call: the chunks it got, and how it ended. */
  private static final class Streamed implements StreamObserver<GenerateChunk> {
    final List<GenerateChunk> chunks = new CopyOnWriteArrayList<>();
    final CompletableFuture<Throwable> ended = new CompletableFuture<>();

    @Override
    public void onNext(GenerateChunk chunk) {
      chunks.add(chunk);
    }

    @Override
    public void onError(Throwable t) {
      ended.complete(t);
    }

    @Override
    public void onCompleted() {
      ended.complete(null);
    }

    void assertFailed(Status.Code code, String... message) throws Exception {
      Throwable end = ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(end).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
        assertThat(e.getStatus().getCode()).isEqualTo(code);
        if (message.length > 0) {
          assertThat(e.getStatus().getDescription()).contains(message);
        }
      });
      assertThat(chunks).as("no token before the failure").isEmpty();
    }
  }
}
