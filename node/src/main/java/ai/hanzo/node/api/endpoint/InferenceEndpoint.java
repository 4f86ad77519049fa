package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.mapping.TextGeneration;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.TokenSink;
import ai.hanzo.node.inference.serving.ModelServer;
import ai.hanzo.node.inference.serving.ServedModel;
import ai.hanzo.node.models.ModelRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What every inference route calls, whichever shape it speaks (upstream, OpenAI): list the models, generate,
 * embed, load and unload. UNIMPLEMENTED on a node built without a model server. Every method may block (it reads
 * the model store or loads a model): transports call it off the event loop.
 */
public final class InferenceEndpoint {
  private final Optional<ModelServer> server;

  public InferenceEndpoint(Optional<ModelServer> server) {
    this.server = server;
  }

  /** A model of the store and whether it is loaded now. */
  public record ModelEntry(ModelRecord record, boolean loaded) {
  }

  public List<ModelEntry> models() {
    ModelServer s = server();
    List<String> loaded = s.loadedNames();
    return s.available().stream().map(r -> new ModelEntry(r, loaded.contains(r.name()))).toList();
  }

  /** The model {@code name}, or NOT_FOUND naming it. */
  public ModelEntry model(String name) {
    ModelServer s = server();
    ModelRecord record = s.record(name);
    return new ModelEntry(record, s.peek(name).isPresent());
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

  /** Refuses (throws) before the first token, or returns the running generation; see {@link ModelServer}. */
  public CompletableFuture<Completion> generate(TextGeneration request, TokenSink sink, Cancellation cancellation) {
    return server().generate(request.model(), request.prompt(), request.params(), sink, cancellation);
  }

  /**
   * Embeddings: the model must exist (NOT_FOUND otherwise), and then the llama.cpp engine loads models for
   * generation only, so every model answers INVALID_ARGUMENT saying so, rather than a vector of a model that was
   * not loaded for it.
   */
  public List<float[]> embed(String model, List<String> inputs) {
    server().record(model);
    throw new NodeException(ErrorCode.INVALID_ARGUMENT, "model '" + model + "' does not serve embeddings: this"
        + " node loads models for text generation only", Map.of("field", "model", "reason", "embeddings_unsupported"));
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

  private ModelServer server() {
    return server.orElseThrow(() -> new NodeException(ErrorCode.UNIMPLEMENTED,
        "this node serves no models"));
  }
}
