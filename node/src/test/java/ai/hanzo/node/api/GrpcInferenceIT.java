package ai.hanzo.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.hanzo.node.api.v1.EmbedRequest;
import ai.hanzo.node.api.v1.GenerateChunk;
import ai.hanzo.node.api.v1.GenerateRequest;
import ai.hanzo.node.api.v1.GenerateResponse;
import ai.hanzo.node.api.v1.InferenceServiceGrpc;
import ai.hanzo.node.api.v1.ListModelsRequest;
import ai.hanzo.node.api.v1.NodeAdminServiceGrpc;
import ai.hanzo.node.api.v1.QueryUsageRequest;
import ai.hanzo.node.api.v1.UsageEntry;
import ai.hanzo.node.inference.FinishReason;
import ai.hanzo.testing.gguf.TinyLlama;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code hanzo.node.v1.InferenceService} with a real gRPC client, over the real llama.cpp engine and a tiny model,
 * with a gate in front of the model's text ({@link GatedEngine}) so a generation can be held running: unary and
 * streamed generation agree, bad requests get their status, a full queue is RESOURCE_EXHAUSTED, a cancelled stream
 * stops its generation, and every request is in the usage records as {@code grpc}.
 */
class GrpcInferenceIT extends WithTinyModelApi {
  private static final Metadata.Key<String> ERROR_CODE =
      Metadata.Key.of("hanzo-error-code", Metadata.ASCII_STRING_MARSHALLER);


  @Test
  void unaryAndStreamedGenerationAgreeAndEndWithUsage() {
    GenerateRequest request = GenerateRequest.newBuilder().setModel("tiny").setPrompt("hello world")
        .setMaxTokens(6).setTemperature(0).build();

    GenerateResponse whole = inference().generate(request);
    List<GenerateChunk> chunks = new ArrayList<>();
    inference().generateStream(request).forEachRemaining(chunks::add);

    assertThat(whole.getId()).startsWith("gen-");
    assertThat(whole.getModel()).isEqualTo("tiny");
    assertThat(whole.getText()).isNotEmpty();
    assertThat(whole.getFinishReason()).isEqualTo("length");
    assertThat(whole.getUsage().getCompletionTokens()).isEqualTo(6);
    assertThat(whole.getUsage().getTotalTokens())
        .isEqualTo(whole.getUsage().getPromptTokens() + whole.getUsage().getCompletionTokens());
    GenerateChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.getFinishReason()).isEqualTo("length");
    assertThat(last.getUsage()).isEqualTo(whole.getUsage());
    assertThat(chunks.subList(0, chunks.size() - 1)).isNotEmpty()
        .allSatisfy(c -> assertThat(c.getFinishReason()).isEmpty());
    assertThat(chunks.stream().map(GenerateChunk::getText).reduce("", String::concat)).isEqualTo(whole.getText());
    assertThat(chunks).extracting(GenerateChunk::getId).containsOnly(chunks.get(0).getId());

    List<UsageEntry> usage = admin().queryUsage(QueryUsageRequest.getDefaultInstance()).getRecordsList();
    assertThat(usage).hasSize(2).allSatisfy(u -> {
      assertThat(u.getApi()).isEqualTo("grpc");
      assertThat(u.getCompletionTokens()).isEqualTo(6);
      assertThat(u.getFinishReason()).isEqualTo("length");
    });
    assertThat(usage).extracting(UsageEntry::getRequestId).containsExactly(whole.getId(), last.getId());
  }

  @Test
  void badRequestsGetTheirStatusAndTheModelsAreListed() {
    assertStatus(() -> inference().generate(GenerateRequest.newBuilder().setModel("no-such-model").setPrompt("hi")
        .build()), Status.Code.NOT_FOUND, "'no-such-model'");
    assertStatus(() -> inference().generate(GenerateRequest.newBuilder().setPrompt("hi").build()),
        Status.Code.INVALID_ARGUMENT, "model");
    assertStatus(() -> inference().generate(GenerateRequest.newBuilder().setModel("tiny").setPrompt("hi")
        .setMaxTokens(2_000_000).build()), Status.Code.INVALID_ARGUMENT, "max_tokens");
    assertStatus(() -> inference().generate(GenerateRequest.newBuilder().setModel("tiny").setPrompt("hi")
        .setTemperature(5).build()), Status.Code.INVALID_ARGUMENT, "temperature");
    assertStatus(() -> inference().generate(GenerateRequest.newBuilder().setModel("tiny").setPrompt("hi")
        .addStop("").build()), Status.Code.INVALID_ARGUMENT, "stop");
    assertStatus(() -> inference().generateStream(GenerateRequest.newBuilder().setModel("tiny")
        .setPrompt("hello world ".repeat(TinyLlama.CONTEXT)).build()).hasNext(), Status.Code.INVALID_ARGUMENT,
        "context");
    assertStatus(() -> inference().generate(GenerateRequest.newBuilder().setModel("tiny")
        .setPrompt("a".repeat(300_000)).build()), Status.Code.INVALID_ARGUMENT, "prompt");
    assertStatus(() -> inference().embed(EmbedRequest.newBuilder().setModel("tiny").build()),
        Status.Code.INVALID_ARGUMENT, "input");
    assertStatus(() -> inference().embed(EmbedRequest.newBuilder().setModel("nope").addInput("a").build()),
        Status.Code.NOT_FOUND, "'nope'");

    assertThat(inference().listModels(ListModelsRequest.getDefaultInstance()).getModelsList()).singleElement()
        .satisfies(m -> {
          assertThat(m.getName()).isEqualTo("tiny");
          assertThat(m.getSizeBytes()).isPositive();
          assertThat(m.getLoaded()).isTrue();
          assertThat(m.getSlots()).as("loaded with LoadOptions(0, 1): one sequence at a time").isEqualTo(1);
        });
    // the refused prompt that did not fit the context is recorded, with no tokens; the unknown model is not
    assertThat(admin().queryUsage(QueryUsageRequest.getDefaultInstance()).getRecordsList()).singleElement()
        .satisfies(u -> {
          assertThat(u.getFinishReason()).isEqualTo("rejected");
          assertThat(u.getPromptTokens() + u.getCompletionTokens()).isZero();
        });
  }

  @Test
  void aFullQueueIsResourceExhaustedAndTheOthersFinish() throws Exception {
    engine.closeGate();
    GenerateRequest request = GenerateRequest.newBuilder().setModel("tiny").setPrompt("hello").setMaxTokens(3)
        .setTemperature(0).build();
    CompletableFuture<GenerateResponse> running = unaryAsync(request);
    assertThat(engine.awaitWaiting()).isTrue();
    CompletableFuture<GenerateResponse> queued = unaryAsync(request);
    await().atMost(Duration.ofSeconds(30)).until(() -> models.loaded().get(0).pending() == 2);

    assertThatThrownBy(() -> inference().generate(request)).isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
          assertThat(e.getStatus().getDescription()).contains("--model-queue-depth");
        });

    engine.openGate();
    assertThat(running.get(60, TimeUnit.SECONDS).getUsage().getCompletionTokens()).isEqualTo(3);
    assertThat(queued.get(60, TimeUnit.SECONDS).getFinishReason()).isEqualTo("length");
  }

  @Test
  void aCancelledStreamStopsItsGeneration() throws Exception {
    engine.closeGate();
    GenerateRequest request = GenerateRequest.newBuilder().setModel("tiny").setPrompt("hello").setMaxTokens(200)
        .setTemperature(0).build();
    Context.CancellableContext call = Context.current().withCancellation();
    List<GenerateChunk> received = new CopyOnWriteArrayList<>();
    CountDownLatch ended = new CountDownLatch(1);
    call.run(() -> asyncInference().generateStream(request, new StreamObserver<>() {
      @Override
      public void onNext(GenerateChunk chunk) {
        received.add(chunk);
      }

      @Override
      public void onError(Throwable t) {
        ended.countDown();
      }

      @Override
      public void onCompleted() {
        ended.countDown();
      }
    }));
    // the generation holds at its first piece of text; the client gives up
    assertThat(engine.awaitWaiting()).isTrue();
    call.cancel(null);
    assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> engine.cancellations.get(0).isCancelled());

    engine.openGate();

    await().atMost(Duration.ofSeconds(60)).until(() -> !engine.completions.isEmpty());
    assertThat(engine.completions).singleElement().satisfies(c -> {
      assertThat(c.finishReason()).isEqualTo(FinishReason.CANCELLED);
      assertThat(c.completionTokens()).isLessThan(10);
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> models.loaded().get(0).pending() == 0);
    assertThat(received).allSatisfy(c -> assertThat(c.getFinishReason()).isEmpty());
    assertThat(admin().queryUsage(QueryUsageRequest.getDefaultInstance()).getRecordsList()).singleElement()
        .satisfies(u -> {
          assertThat(u.getFinishReason()).isEqualTo("cancelled");
          assertThat(u.getCompletionTokens()).isLessThan(10);
          assertThat(u.getPromptTokens()).isPositive();
        });
  }

  private CompletableFuture<GenerateResponse> unaryAsync(GenerateRequest request) {
    CompletableFuture<GenerateResponse> result = new CompletableFuture<>();
    asyncInference().generate(request, new StreamObserver<>() {
      @Override
      public void onNext(GenerateResponse value) {
        result.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        result.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
      }
    });
    return result;
  }

  private static void assertStatus(Runnable call, Status.Code code, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(code);
      assertThat(e.getStatus().getDescription()).contains(message);
      assertThat(e.getTrailers().get(ERROR_CODE)).isEqualTo(code.name());
    });
  }

  private InferenceServiceGrpc.InferenceServiceBlockingStub inference() {
    return GrpcClients.builder(api.grpcUri()).build(InferenceServiceGrpc.InferenceServiceBlockingStub.class);
  }

  private InferenceServiceGrpc.InferenceServiceStub asyncInference() {
    return GrpcClients.builder(api.grpcUri()).build(InferenceServiceGrpc.InferenceServiceStub.class);
  }

  private NodeAdminServiceGrpc.NodeAdminServiceBlockingStub admin() {
    return GrpcClients.builder(api.grpcUri()).build(NodeAdminServiceGrpc.NodeAdminServiceBlockingStub.class);
  }
}
