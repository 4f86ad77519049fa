package ai.hanzo.node.inference.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.TokenSink;
import ai.hanzo.node.inference.upstream.UpstreamEngine;
import ai.hanzo.node.inference.upstream.UpstreamLimits;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.models.UpstreamTarget;
import ai.hanzo.node.models.UpstreamTuning;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream model's queue lets its {@code max_in_flight} requests reach the upstream at once (so a batching server
 * such as vLLM gets them together), queues the next ones, and refuses beyond the queue with RESOURCE_EXHAUSTED, as a
 * local model's queue does. The upstream is a loopback server that holds every request until released, so the
 * requests it holds at once are the ones the node sent at once.
 */
class UpstreamInFlightTest {
  private static final GenerationParams PARAMS = new GenerationParams(4, 0, 1, List.of(), 1);

  @TempDir Path dir;
  private HttpServer upstream;
  private ModelServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (upstream != null) {
      upstream.stop(0);
    }
  }

  @Test
  void nRequestsRunAtOnceTheNextWaitAndMoreAreRefused() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch threeArrived = new CountDownLatch(3);
    AtomicInteger arrived = new AtomicInteger();
    upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    upstream.setExecutor(Executors.newCachedThreadPool());
    upstream.createContext("/v1/completions", ex -> {
      ex.getRequestBody().readAllBytes();
      arrived.incrementAndGet();
      threeArrived.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] body = ("data: {\"choices\":[{\"index\":0,\"text\":\"ok\",\"finish_reason\":\"stop\"}]}\n\n"
          + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("content-type", "text/event-stream");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    upstream.start();
    ModelStore store = ModelStore.in(dir, Clock.systemUTC());
    store.addUpstream("up", new UpstreamTarget("http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1", "m",
        "", "", new UpstreamTuning(3, 0, 0, 0, 64)));
    server = new ModelServer(store, new LazyEngine("llama.cpp", () -> {
      throw new AssertionError("no local model here");
    }), 1L << 30, 1, new LoadOptions(0, 1), (reference, name) -> {
      throw new AssertionError("no pulls here");
    }, Optional.of(new UpstreamEngine(UpstreamLimits.defaults(), Map.<String, String>of()::get)));

    List<CompletableFuture<Completion>> running = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      running.add(server.generate("up", "hi", PARAMS, TokenSink.discard(), new Cancellation()));
    }
    assertThat(threeArrived.await(10, TimeUnit.SECONDS)).as("three requests reached the upstream at once").isTrue();
    CompletableFuture<Completion> waiting = server.generate("up", "hi", PARAMS, TokenSink.discard(),
        new Cancellation());
    assertThat(server.peek("up")).hasValueSatisfying(m -> assertThat(m.pending()).isEqualTo(4));
    assertThat(arrived.get()).as("the fourth waits in the node's queue").isEqualTo(3);
    assertThatThrownBy(() -> server.generate("up", "hi", PARAMS, TokenSink.discard(), new Cancellation()))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
          assertThat(e.details()).containsKey("retry_after_seconds");
        });

    release.countDown();
    running.add(waiting);
    for (CompletableFuture<Completion> r : running) {
      assertThat(r.get(10, TimeUnit.SECONDS).text()).isEqualTo("ok");
    }
    assertThat(arrived.get()).isEqualTo(4);
    assertThat(server.peek("up")).hasValueSatisfying(m -> assertThat(m.pending()).isZero());
    assertThat(server.peek("up").get().contextLength()).isEqualTo(64);
  }
}
