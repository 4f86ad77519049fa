package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.access.CallerPrincipal;
import ai.hanzo.node.api.mapping.TextGeneration;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.Embeddings;
import ai.hanzo.node.inference.TokenSink;
import ai.hanzo.node.inference.serving.ModelServer;
import ai.hanzo.node.inference.serving.ServedModel;
import ai.hanzo.node.iam.Principal;
import ai.hanzo.node.models.ModelRecord;
import ai.hanzo.node.models.UpstreamTarget;
import ai.hanzo.node.storage.UsageRecord;
import ai.hanzo.node.usage.UsageRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What every inference route calls, whichever shape it speaks (upstream, OpenAI): list the models, generate,
 * embed, load and unload. UNIMPLEMENTED on a node built without a model server. Every method may block (it reads
 * the model store or loads a model): transports call it off the event loop.
 */
public final class InferenceEndpoint {
  /** The finish reason of a usage record for a request the server refused before generating. */
  static final String REJECTED = "rejected";
  /** The finish reason of a usage record for a generation that failed under way. */
  static final String FAILED = "failed";

  private final Optional<ModelServer> server;
  private final Optional<UsageRecorder> usage;
  private final Clock clock;

  /** @param usage where every generation's usage is recorded; empty: nowhere (tests of the routes alone) */
  public InferenceEndpoint(Optional<ModelServer> server, Optional<UsageRecorder> usage, Clock clock) {
    this.server = server;
    this.usage = usage;
    this.clock = clock;
  }

  /**
   * A model of the store, whether it is loaded now, and its context length: the loaded model's (an upstream's may
   * be known only once it is loaded and has answered), else its record's (0: unknown); and its slots: requests it
   * serves at once while loaded, 0 while not.
   */
  public record ModelEntry(ModelRecord record, boolean loaded, long contextLength, int slots) {
  }

  public List<ModelEntry> models() {
    ModelServer s = server();
    return s.available().stream().map(r -> entry(s, r)).toList();
  }

  /** The model {@code name}, or NOT_FOUND naming it. */
  public ModelEntry model(String name) {
    ModelServer s = server();
    return entry(s, s.record(name));
  }

  private static ModelEntry entry(ModelServer s, ModelRecord record) {
    Optional<ServedModel> served = s.peek(record.name());
    long context = served.map(ServedModel::contextLength).filter(c -> c > 0).map(Integer::longValue)
        .orElse(record.info().contextLength());
    return new ModelEntry(record, served.isPresent(), context, served.map(ServedModel::slots).orElse(0));
  }

  /** Whether this node's store has the model {@code name} (false without a server or for a malformed name). */
  public boolean serves(String name) {
    if (server.isEmpty()) {
      return false;
    }
    try {
      server.get().record(name);
      return true;
    } catch (NodeException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /** Names of the loaded models (GetHealth); empty without a server. */
  public List<String> loadedNames() {
    return server.map(ModelServer::loadedNames).orElse(List.of());
  }

  /**
   * Refuses (throws) before the first token, or returns the running generation; see {@link ModelServer}. Every
   * generation every transport starts comes through here, and here its usage is recorded, once, when it ends: the
   * tokens it processed, however it ended (finished, stopped, cancelled by its client, failed), and a request for a
   * model of the store that the server refused (queue full, model unavailable, prompt too long) with none. A
   * request for a model the store does not have is not recorded (nothing was processed, and the counters' model
   * label stays within the store's names). Call it on the request's thread: the caller is read from its context.
   *
   * @param requestId the id the answer carries, kept in the usage record
   */
  public CompletableFuture<Completion> generate(TextGeneration request, GenerationApi api, String requestId,
      TokenSink sink, Cancellation cancellation) {
    Optional<Principal> caller = CallerPrincipal.current();
    return generate(request, api, requestId, caller.map(Principal::subject).orElse(""),
        caller.map(Principal::org).orElse(null), sink, cancellation);
  }

  /**
   * A generation another node forwarded to this one ({@code /hanzo/inference/1.0.0}): recorded with API
   * {@code network} for the original caller and org as the forwarding node names them (it is an authenticated
   * peer the node's IAM allowed to run generations).
   */
  public CompletableFuture<Completion> generateForwarded(TextGeneration request, String requestId,
      String callerSubject, String callerOrg, TokenSink sink, Cancellation cancellation) {
    return generate(request, GenerationApi.NETWORK, requestId, callerSubject,
        callerOrg.isEmpty() ? null : callerOrg, sink, cancellation);
  }

  private CompletableFuture<Completion> generate(TextGeneration request, GenerationApi api, String requestId,
      String subject, String org, TokenSink sink, Cancellation cancellation) {
    ModelServer s = server();
    long startNanos = System.nanoTime();
    AtomicInteger pieces = new AtomicInteger();
    TokenSink counting = text -> {
      pieces.incrementAndGet();
      sink.accept(text);
    };
    ModelServer.Generation generation;
    try {
      generation = s.start(request.model(), request.prompt(), request.messages(), request.params(), counting,
          cancellation);
    } catch (NodeException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        record(request, api, requestId, subject, org, 0, 0, REJECTED, startNanos);
      }
      throw e;
    }
    return generation.result().whenComplete((completion, failure) -> {
      if (failure == null) {
        record(request, api, requestId, subject, org, completion.promptTokens(), completion.completionTokens(),
            completion.finishReason().name().toLowerCase(Locale.ROOT), startNanos);
      } else {
        // The engine's count is lost with the failure: the pieces of text sent are a lower bound of the tokens
        // generated (llama.cpp may send two tokens' text as one piece).
        record(request, api, requestId, subject, org, generation.promptTokens(), pieces.get(), FAILED, startNanos);
      }
    });
  }

  private void record(TextGeneration request, GenerationApi api, String requestId, String subject, String org,
      int promptTokens, int completionTokens, String finishReason, long startNanos) {
    record(request.model(), api, requestId, subject, org, promptTokens, completionTokens, finishReason, startNanos);
  }

  private void record(String model, GenerationApi api, String requestId, String subject, String org,
      int promptTokens, int completionTokens, String finishReason, long startNanos) {
    if (usage.isEmpty()) {
      return;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    Instant now = clock.instant();
    usage.get().record(new UsageRecord(now, requestId, model, subject, org, api.label(), promptTokens,
        completionTokens, finishReason, took));
  }

  /**
   * The L2-normalised vectors of {@code inputs} by {@code model}, in input order (see {@link ModelServer#embed}):
   * refuses (throws) before any work, or returns the running batch. Its usage is recorded as a generation's is,
   * with the inputs' tokens as prompt tokens and no completion tokens; a batch whose client went away before it
   * ran completes with {@code null}. Call it on the request's thread: the caller is read from its context.
   */
  public CompletableFuture<Embeddings> embed(String model, List<String> inputs, GenerationApi api, String requestId,
      Cancellation cancellation) {
    Optional<Principal> caller = CallerPrincipal.current();
    return embed(model, inputs, api, requestId, caller.map(Principal::subject).orElse(""),
        caller.map(Principal::org).orElse(null), cancellation);
  }

  /**
   * Embeddings another node forwarded to this one ({@code /hanzo/inference/1.0.0}): recorded with API
   * {@code network} for the original caller and org, as {@link #generateForwarded} is.
   */
  public CompletableFuture<Embeddings> embedForwarded(String model, List<String> inputs, String requestId,
      String callerSubject, String callerOrg, Cancellation cancellation) {
    return embed(model, inputs, GenerationApi.NETWORK, requestId, callerSubject,
        callerOrg.isEmpty() ? null : callerOrg, cancellation);
  }

  private CompletableFuture<Embeddings> embed(String model, List<String> inputs, GenerationApi api,
      String requestId, String subject, String org, Cancellation cancellation) {
    ModelServer s = server();
    long startNanos = System.nanoTime();
    ModelServer.Embedding embedding;
    try {
      embedding = s.embed(model, inputs, cancellation);
    } catch (NodeException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        record(model, api, requestId, subject, org, 0, 0, REJECTED, startNanos);
      }
      throw e;
    }
    return embedding.result().whenComplete((vectors, failure) -> {
      if (failure == null && vectors != null) {
        record(model, api, requestId, subject, org, vectors.promptTokens(), 0, "stop", startNanos);
      } else if (failure == null) {
        record(model, api, requestId, subject, org, 0, 0, "cancelled", startNanos);
      } else {
        record(model, api, requestId, subject, org, embedding.promptTokens(), 0, FAILED, startNanos);
      }
    });
  }

  public ServedModel load(String name) {
    return server().load(name);
  }

  /** Unloads {@code name}; NOT_FOUND for a model the store does not have, false when it was not loaded. */
  public boolean unload(String name) {
    ModelServer s = server();
    s.record(name);
    return s.unload(name);
  }

  /** Pulls a model published as an OCI artifact into the store; see {@link ModelServer#pull}. Blocking. */
  public ModelRecord pull(String reference, Optional<String> name) {
    return server().pull(reference, name);
  }

  /** Registers {@code name}, a model of kind openai-upstream served by {@code target}. Blocking (disk). */
  /** Copies a GGUF file of the node's machine into the store; see {@link ModelServer#addFile}. Blocking. */
  public ModelRecord addFile(java.nio.file.Path source, Optional<String> name) {
    return server().addFile(source, name);
  }

  /** Where clients' uploads of models go; UNIMPLEMENTED on a node that serves no models. */
  public ai.hanzo.node.inference.serving.ModelUploads uploads() {
    return server().uploads();
  }

  /** How long an upload may send nothing (the default on a node that serves no models: it refuses at once). */
  public java.time.Duration uploadIdleTimeout() {
    return server.map(s -> s.uploads().limits().idle())
        .orElse(ai.hanzo.node.inference.serving.UploadLimits.DEFAULTS.idle());
  }

  public ModelRecord addUpstream(String name, UpstreamTarget target) {
    return server().addUpstream(name, target);
  }

  /** Removes {@code name} from the store, unloading it first (returns whether it was loaded); NOT_FOUND for a model the store does not have. */
  public boolean remove(String name) {
    return server().remove(name);
  }

  private ModelServer server() {
    return server.orElseThrow(() -> new NodeException(ErrorCode.UNIMPLEMENTED,
        "this node serves no models"));
  }
}
