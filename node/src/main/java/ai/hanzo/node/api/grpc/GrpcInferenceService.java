package ai.hanzo.node.api.grpc;

import ai.hanzo.node.api.endpoint.GenerationApi;
import ai.hanzo.node.api.endpoint.InferenceEndpoint;
import ai.hanzo.node.api.endpoint.ModelRouter;
import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.mapping.InferenceRequests;
import ai.hanzo.node.api.mapping.ModelMessages;
import ai.hanzo.node.api.mapping.TextGeneration;
import ai.hanzo.node.api.v1.EmbedRequest;
import ai.hanzo.node.api.v1.EmbedResponse;
import ai.hanzo.node.api.v1.EmbeddingVector;
import ai.hanzo.node.api.v1.GenerateChunk;
import ai.hanzo.node.api.v1.GenerateRequest;
import ai.hanzo.node.api.v1.GenerateResponse;
import ai.hanzo.node.api.v1.GenerationUsage;
import ai.hanzo.node.api.v1.InferenceServiceGrpc;
import ai.hanzo.node.api.v1.InspectModelRequest;
import ai.hanzo.node.api.v1.UploadModelChunk;
import ai.hanzo.node.api.v1.ListModelsRequest;
import ai.hanzo.node.api.v1.ModelDetails;
import ai.hanzo.node.api.v1.AddUpstreamModelRequest;
import ai.hanzo.node.api.v1.LoadModelRequest;
import ai.hanzo.node.api.v1.PullModelRequest;
import ai.hanzo.node.api.v1.RemoveModelRequest;
import ai.hanzo.node.api.v1.RemoveModelResponse;
import ai.hanzo.node.api.v1.ListModelsResponse;
import ai.hanzo.node.api.v1.ServableModel;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.Embeddings;
import ai.hanzo.node.inference.FinishReason;
import ai.hanzo.node.inference.TokenSink;
import ai.hanzo.node.models.ModelRecord;
import com.linecorp.armeria.server.annotation.Blocking;
import io.grpc.stub.ServerCallStreamObserver;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.grpc.stub.StreamObserver;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code hanzo.node.v1.InferenceService}: the HTTP inference routes' code path over gRPC. The request is checked by
 * {@link InferenceRequests} and generated through the one {@link InferenceEndpoint} (queue, cancellation, usage
 * records with API {@code grpc}); errors go through the one {@link ErrorMapper}. Every method is {@link Blocking}:
 * a first request loads its model. Text is generated on the engine's threads and sent from there, so no thread
 * waits for it; a client that cancels the call (or whose deadline passes) stops the generation within a token.
 */
public final class GrpcInferenceService extends InferenceServiceGrpc.InferenceServiceImplBase {
  /** The metadata key that asks for the network route, as the HTTP routes' header does. */
  static final String ROUTE_METADATA = "x-hanzo-route";

  private final InferenceEndpoint inference;
  private final ModelRouter router;

  public GrpcInferenceService(InferenceEndpoint inference, ModelRouter router) {
    this.inference = inference;
    this.router = router;
  }

  @Blocking
  @Override
  public void generate(GenerateRequest request, StreamObserver<GenerateResponse> observer) {
    ServerCallStreamObserver<GenerateResponse> call = (ServerCallStreamObserver<GenerateResponse>) observer;
    String id = newId();
    run(request, false, call, id, TokenSink.discard(), (generation, completion) -> GenerateResponse.newBuilder()
        .setId(id).setModel(generation.model()).setText(completion.text()).setFinishReason(reason(completion))
        .setUsage(usage(completion)).build());
  }

  @Blocking
  @Override
  public void generateStream(GenerateRequest request, StreamObserver<GenerateChunk> observer) {
    ServerCallStreamObserver<GenerateChunk> call = (ServerCallStreamObserver<GenerateChunk>) observer;
    String id = newId();
    // A call the client cancelled takes no more messages; the engine sees the cancellation before the next token.
    TokenSink sink = text -> {
      if (!call.isCancelled()) {
        call.onNext(GenerateChunk.newBuilder().setId(id).setText(text).build());
      }
    };
    run(request, true, call, id, sink, (generation, completion) -> GenerateChunk.newBuilder().setId(id)
        .setFinishReason(reason(completion)).setUsage(usage(completion)).build());
  }

  /** The message that ends a generation's call. */
  @FunctionalInterface
  private interface LastMessage<T> {
    T of(TextGeneration generation, Completion completion);
  }

  /**
   * Starts {@code request}'s generation (a refusal becomes the call's error), then ends the call with
   * {@code last}, or with the failure; a call the client cancelled is left alone.
   */
  private <T> void run(GenerateRequest request, boolean stream, ServerCallStreamObserver<T> call, String id,
      TokenSink sink, LastMessage<T> last) {
    Cancellation cancellation = cancelledWith(call);
    CompletableFuture<Completion> running;
    TextGeneration generation;
    try {
      generation = InferenceRequests.generation(request, stream);
      running = inference.generate(generation, GenerationApi.GRPC, id, sink, cancellation);
    } catch (RuntimeException e) {
      call.onError(ErrorMapper.toStatus(e));
      return;
    }
    running.whenComplete((completion, failure) -> {
      if (call.isCancelled()) {
        return;
      }
      if (failure != null || completion.finishReason() == FinishReason.CANCELLED) {
        call.onError(ErrorMapper.toStatus(failure != null ? failure : unloaded(generation)));
        return;
      }
      call.onNext(last.of(generation, completion));
      call.onCompleted();
    });
  }

  /**
   * The vectors by the endpoint's one code path; the blocking thread waits for the engine (the batch is bounded by
   * the model's queue). A model that cannot compute embeddings is FAILED_PRECONDITION (reason
   * {@code embeddings_unsupported}); a client that cancels the call takes its batch out of the queue. With
   * {@code route: network} (or the {@code x-hanzo-route: network} metadata) a model this node does not serve is
   * embedded by a node that does, named in {@code served_by}, as on the HTTP routes.
   */
  @Blocking
  @Override
  public void embed(EmbedRequest request, StreamObserver<EmbedResponse> observer) {
    Cancellation cancellation = cancelledWith((ServerCallStreamObserver<?>) observer);
    GrpcCalls.unary(request, observer, r -> {
      String model = InferenceRequests.model(r.getModel());
      List<String> inputs = InferenceRequests.embedInputs(r.getInputList());
      ServiceRequestContext ctx = ServiceRequestContext.currentOrNull();
      boolean network = InferenceRequests.networkRoute(r.getRoute(),
          ctx == null ? null : ctx.request().headers().get(ROUTE_METADATA));
      ModelRouter.RoutedEmbeddings routed = router.embed(model, inputs, network, GenerationApi.GRPC, newId(),
          cancellation);
      Embeddings vectors = await(routed.embeddings());
      if (vectors == null) {
        throw new NodeException(ErrorCode.UNAVAILABLE, "the request was cancelled");
      }
      EmbedResponse.Builder response = EmbedResponse.newBuilder().setModel(model)
          .setPromptTokens(vectors.promptTokens()).setServedBy(routed.servedBy());
      for (float[] vector : vectors.vectors()) {
        EmbeddingVector.Builder v = EmbeddingVector.newBuilder();
        for (float f : vector) {
          v.addValues(f);
        }
        response.addEmbeddings(v);
      }
      return response.build();
    });
  }

  private static Embeddings await(CompletableFuture<Embeddings> running) {
    try {
      return running.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Blocking
  @Override
  public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> observer) {
    GrpcCalls.unary(request, observer, r -> {
      ListModelsResponse.Builder response = ListModelsResponse.newBuilder();
      for (InferenceEndpoint.ModelEntry m : inference.models()) {
        response.addModels(ServableModel.newBuilder().setName(m.record().name()).setLoaded(m.loaded())
            .setSizeBytes(m.record().size()).setAddedAt(m.record().addedAt() == null ? "" : m.record().addedAt())
            .setArchitecture(m.record().info().architecture()).setParameters(m.record().info().parameterCount())
            .setQuantization(m.record().info().quantization())
            .setContextLength(m.contextLength()).setSlots(m.slots()));
      }
      return response.build();
    });
  }

  /** Blocking: the pull streams the model from its registry to disk on this (blocking-pool) thread. */
  @Blocking
  @Override
  public void pullModel(PullModelRequest request, StreamObserver<ModelDetails> observer) {
    GrpcCalls.unary(request, observer, r -> {
      ModelRecord pulled = inference.pull(ModelMessages.reference(r), ModelMessages.name(r));
      return ModelMessages.details(pulled, false);
    });
  }

  /** Blocking: writes the model's record to the store. */
  @Blocking
  @Override
  public void addUpstreamModel(AddUpstreamModelRequest request, StreamObserver<ModelDetails> observer) {
    GrpcCalls.unary(request, observer, r -> ModelMessages.details(inference.addUpstream(
        ModelMessages.requiredName(r.getName()), ModelMessages.upstream(r)), false));
  }

  /**
   * Blocking: copies the file on this thread. The path names a file of the node's machine, so only a caller on that
   * machine (a loopback connection, as the CLI that found the node by its data directory) may give one: a remote
   * caller could otherwise probe the node's files; it publishes the model to a registry and pulls it instead.
   */
  @Blocking
  @Override
  public void loadModel(LoadModelRequest request, StreamObserver<ModelDetails> observer) {
    GrpcCalls.unary(request, observer, r -> {
      if (!fromThisMachine()) {
        throw new NodeException(ErrorCode.PERMISSION_DENIED, "LoadModel reads a file of the node's machine and is"
            + " only taken from that machine (loopback); from elsewhere publish the model to a registry and use"
            + " PullModel", Map.of("reason", "not_loopback"));
      }
      return ModelMessages.details(inference.addFile(ModelMessages.path(r), ModelMessages.name(r)), false);
    });
  }

  /**
   * A GGUF file streamed from the caller's machine, from wherever it calls (behind models:manage like LoadModel);
   * see {@link ModelUploadCall}. Not on the request timeout nor the request length limit: a large model takes what
   * the network needs, and the declared size and the idle timeout bound it instead.
   */
  @Override
  public StreamObserver<UploadModelChunk> uploadModel(StreamObserver<ModelDetails> observer) {
    ServiceRequestContext ctx = ServiceRequestContext.current();
    ctx.clearRequestTimeout();
    ctx.setMaxRequestLength(0);
    return new ModelUploadCall(inference::uploads, (ServerCallStreamObserver<ModelDetails>) observer,
        ctx.blockingTaskExecutor(), inference.uploadIdleTimeout());
  }

  private static boolean fromThisMachine() {
    ServiceRequestContext ctx = ServiceRequestContext.currentOrNull();
    return ctx != null && ctx.remoteAddress().getAddress().isLoopbackAddress();
  }

  @Blocking
  @Override
  public void removeModel(RemoveModelRequest request, StreamObserver<RemoveModelResponse> observer) {
    GrpcCalls.unary(request, observer, r -> {
      String name = ModelMessages.requiredName(r.getName());
      boolean wasLoaded = inference.remove(name);
      return RemoveModelResponse.newBuilder().setName(name).setWasLoaded(wasLoaded).build();
    });
  }

  @Blocking
  @Override
  public void inspectModel(InspectModelRequest request, StreamObserver<ModelDetails> observer) {
    GrpcCalls.unary(request, observer, r -> {
      InferenceEndpoint.ModelEntry entry = inference.model(ModelMessages.requiredName(r.getName()));
      return ModelMessages.details(entry.record(), entry.loaded(), entry.contextLength());
    });
  }

  private static Cancellation cancelledWith(ServerCallStreamObserver<?> call) {
    Cancellation cancellation = new Cancellation();
    call.setOnCancelHandler(cancellation::cancel);
    return cancellation;
  }

  /** A generation that ended without finishing while its client was still there: its model was unloaded. */
  private static NodeException unloaded(TextGeneration generation) {
    return new NodeException(ErrorCode.UNAVAILABLE, "model '" + generation.model() + "' was unloaded during the"
        + " generation; retry", Map.of("model", generation.model()));
  }

  private static String reason(Completion completion) {
    return completion.finishReason().name().toLowerCase(Locale.ROOT);
  }

  private static GenerationUsage usage(Completion completion) {
    return GenerationUsage.newBuilder().setPromptTokens(completion.promptTokens())
        .setCompletionTokens(completion.completionTokens()).setTotalTokens(completion.totalTokens()).build();
  }

  private static String newId() {
    byte[] random = new byte[12];
    ThreadLocalRandom.current().nextBytes(random);
    return "gen-" + HexFormat.of().formatHex(random);
  }
}
