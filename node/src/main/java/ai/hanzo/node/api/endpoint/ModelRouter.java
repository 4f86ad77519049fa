package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.p2p.inference.InferenceProtocol;
import ai.hanzo.node.api.access.CallerPrincipal;
import ai.hanzo.node.api.mapping.TextGeneration;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.iam.Principal;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.Embeddings;
import ai.hanzo.node.inference.Vectors;
import ai.hanzo.node.inference.FinishReason;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.TokenSink;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.p2p.P2pNode;
import ai.hanzo.node.p2p.inference.InferenceClient;
import ai.hanzo.node.p2p.inference.InferenceLimits;
import ai.hanzo.node.p2p.inference.ModelProvider;
import ai.hanzo.node.p2p.inference.RemoteCall;
import ai.hanzo.node.p2p.inference.RemoteEmbedCall;
import ai.hanzo.node.p2p.inference.RemoteRequest;
import ai.hanzo.node.p2p.inference.RemoteReply;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where a generation (or an embeddings batch) runs: the one decision every generation and embeddings route makes
 * before the local model server. Without
 * {@code route: network}, or when this node serves the model itself, here (an unknown model stays NOT_FOUND).
 * Otherwise on another node: the providers of {@code model/<name>} (DHT and heartbeats, best first), tried in
 * turn over {@code /hanzo/inference/1.0.0} until one accepts; one that answers NOT_FOUND or UNAVAILABLE, or cannot
 * be reached, is skipped (and avoided for a while), while a refusal that concerns the request itself (a full
 * queue, a denied peer, a bad parameter) comes back to the client as it is. The caller's subject and org travel
 * along for the target's audit log. Blocking (looks providers up, waits for the target to accept): call off the
 * event loop.
 */
public final class ModelRouter {
  /** Providers asked for one request at most. */
  static final int MAX_TRIES = 3;
  private static final int LOOKUP_LIMIT = 20;
  private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

  private final InferenceEndpoint local;
  private final Optional<P2pNode> p2p;
  private final Supplier<String> nodeId;

  public ModelRouter(InferenceEndpoint local, Optional<P2pNode> p2p, Supplier<String> nodeId) {
    this.local = local;
    this.p2p = p2p;
    this.nodeId = nodeId;
  }

  /** A generation that was accepted, and the node that serves it (this one or another). */
  public record Routed(String servedBy, CompletableFuture<Completion> completion) {}

  /**
   * Refuses (throws) before the first token, or returns the running generation and who serves it.
   *
   * @param network the client asked for {@code route: network}
   * @param api and {@code requestId}: for the usage record of a generation that runs here (one forwarded is
   *     recorded by the node that serves it)
   */
  public Routed generate(TextGeneration request, boolean network, GenerationApi api, String requestId,
      TokenSink sink, Cancellation cancellation) {
    if (!network || local.serves(request.model())) {
      return new Routed(nodeId.get(), local.generate(request, api, requestId, sink, cancellation));
    }
    ModelStore.validName(request.model());
    Accepted<Completion> accepted = forward(request.model(), call(request), cancellation,
        provider -> new GenerationAttempt(name(provider), sink));
    return new Routed(accepted.servedBy(), accepted.result());
  }

  /** Embeddings that were accepted, and the node that computes them (this one or another). */
  public record RoutedEmbeddings(String servedBy, CompletableFuture<Embeddings> embeddings) {}

  /**
   * The embeddings of {@code inputs} by {@code model}: here, or with {@code network} and a model this node does not
   * serve, by a provider found and tried as {@link #generate} finds and tries them. The vectors are L2-normalised
   * wherever they were computed; a provider's answer that does not hold one vector per input fails UNAVAILABLE
   * naming that node. Refuses (throws) before any work, as the local path does.
   *
   * @param api and {@code requestId}: for the usage record of embeddings computed here (forwarded ones are
   *     recorded by the node that computes them)
   */
  public RoutedEmbeddings embed(String model, List<String> inputs, boolean network, GenerationApi api,
      String requestId, Cancellation cancellation) {
    if (!network || local.serves(model)) {
      return new RoutedEmbeddings(nodeId.get(), local.embed(model, inputs, api, requestId, cancellation));
    }
    ModelStore.validName(model);
    Optional<Principal> caller = CallerPrincipal.current();
    RemoteEmbedCall call = new RemoteEmbedCall(model, inputs, caller.map(Principal::subject).orElse(""),
        caller.map(Principal::org).orElse(""));
    if (call.characters() > InferenceLimits.MAX_EMBED_CHARS) {
      throw NodeException.invalidField("input", "holds " + call.characters() + " characters; the network route"
          + " carries at most " + InferenceLimits.MAX_EMBED_CHARS + " at once (send fewer inputs per request)");
    }
    Accepted<Embeddings> accepted = forward(model, call, cancellation,
        provider -> new EmbeddingAttempt(name(provider), inputs.size()));
    return new RoutedEmbeddings(accepted.servedBy(), accepted.result());
  }

  /** A provider accepted: its node id, and the answer to come. */
  private record Accepted<T>(String servedBy, CompletableFuture<T> result) {}

  private <T> Accepted<T> forward(String model, RemoteRequest call, Cancellation cancellation,
      Function<ModelProvider, Attempt<T>> attempts) {
    P2pNode node = p2p.orElseThrow(() -> new NodeException(ErrorCode.UNAVAILABLE, "model '" + model
        + "' is not served by this node, and this node is not on a network to forward it to"));
    InferenceClient client = node.protocols().find(InferenceProtocol.class).map(InferenceProtocol::client)
        .orElseThrow(() -> new NodeException(ErrorCode.UNAVAILABLE,
            "model '" + model + "' is not served by this node, and it does not forward requests (yet)"));
    List<ModelProvider> providers = lookUp(node, model);
    int tried = 0;
    NodeException last = null;
    for (ModelProvider provider : providers) {
      if (tried == MAX_TRIES) {
        break;
      }
      if (cancellation.isCancelled()) {
        throw new NodeException(ErrorCode.UNAVAILABLE, "the request was cancelled");
      }
      tried++;
      Attempt<T> attempt = attempts.apply(provider);
      InferenceClient.Call running;
      try {
        running = client.call(provider, call, attempt);
      } catch (NodeException busy) {
        last = busy;
        continue;
      }
      cancellation.onCancel(running::cancel);
      RemoteReply first;
      try {
        first = attempt.first.get(InferenceLimits.ACCEPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        running.cancel();
        node.providerOutcome(provider.peerId(), false);
        last = new NodeException(ErrorCode.UNAVAILABLE, "node " + name(provider) + " did not accept within "
            + InferenceLimits.ACCEPT_TIMEOUT.toSeconds() + " s");
        continue;
      } catch (ExecutionException e) {
        // Unreachable, or an answer out of protocol: in the latter case the stream is still open, so reset it.
        running.cancel();
        node.providerOutcome(provider.peerId(), false);
        last = new NodeException(ErrorCode.UNAVAILABLE, "node " + name(provider) + " could not be reached: "
            + e.getCause().getMessage());
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.cancel();
        throw new NodeException(ErrorCode.UNAVAILABLE, "interrupted while waiting for node " + name(provider));
      }
      if (first instanceof RemoteReply.Accepted accepted) {
        node.providerOutcome(provider.peerId(), true);
        return new Accepted<>(accepted.nodeId(), attempt.result);
      }
      RemoteReply.Failure refused = (RemoteReply.Failure) first;
      NodeException e = new NodeException(refused.code(), "node " + name(provider) + " refused: "
          + refused.message(), refused.details());
      if (refused.code() != ErrorCode.NOT_FOUND && refused.code() != ErrorCode.UNAVAILABLE) {
        throw e;
      }
      node.providerOutcome(provider.peerId(), false);
      last = e;
    }
    Map<String, String> details = Map.of("model", model, "providers_tried", Integer.toString(tried));
    if (last == null) {
      throw new NodeException(ErrorCode.NOT_FOUND, "model '" + model + "' is not served by this node, and no"
          + " node on the network provides model/" + model + " (0 providers tried)", details);
    }
    throw new NodeException(ErrorCode.UNAVAILABLE, "model '" + model + "' is not served by this node, and none of"
        + " the " + tried + " providers tried could serve it; the last said: " + last.getMessage(), details);
  }

  private static List<ModelProvider> lookUp(P2pNode node, String model) {
    try {
      return node.modelProviders(model, LOOKUP_LIMIT).get(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeException(ErrorCode.UNAVAILABLE, "interrupted while looking up providers of model/" + model);
    } catch (ExecutionException | TimeoutException e) {
      throw new NodeException(ErrorCode.UNAVAILABLE, "looking up providers of model/" + model + " failed: " + e);
    }
  }

  private static RemoteCall call(TextGeneration request) {
    GenerationParams p = request.params();
    Optional<Principal> caller = CallerPrincipal.current();
    return new RemoteCall(request.model(), request.prompt(), p.maxTokens(), p.temperature(), p.topP(), p.stop(),
        p.seed(), request.stream(), caller.map(Principal::subject).orElse(""),
        caller.map(Principal::org).orElse(""),
        // Passed as messages, so the serving node applies its model's chat template (the prompt is the fallback).
        request.messages().stream().map(m -> new RemoteCall.Turn(m.role(), m.content())).toList());
  }

  private static String name(ModelProvider p) {
    return p.nodeId().isEmpty() ? p.peerId() : p.nodeId() + " (" + p.peerId() + ")";
  }

  /**
   * One provider's answer: the first reply (accepted or a refusal), then the result. A reply out of protocol order
   * (a token or a last reply before accepted, or a kind the call does not expect) fails the attempt naming the node.
   */
  private abstract static class Attempt<T> implements InferenceClient.Listener {
    final CompletableFuture<RemoteReply> first = new CompletableFuture<>();
    final CompletableFuture<T> result = new CompletableFuture<>();
    final String node;

    Attempt(String node) {
      this.node = node;
    }

    @Override
    public final void reply(RemoteReply reply) {
      if (reply instanceof RemoteReply.Accepted) {
        if (!first.complete(reply)) {
          broken(new NodeException(ErrorCode.UNAVAILABLE, "it accepted twice"));
        }
      } else if (reply instanceof RemoteReply.Failure f) {
        if (!first.complete(f)) {
          result.completeExceptionally(new NodeException(f.code(), f.message(), f.details()));
        }
      } else if (!first.isDone()) {
        first.completeExceptionally(new NodeException(ErrorCode.UNAVAILABLE, "node " + node + " answered "
            + kind(reply) + " before it accepted"));
      } else {
        accepted(reply);
      }
    }

    /** A reply after accepted, other than a failure. */
    abstract void accepted(RemoteReply reply);

    @Override
    public final void broken(Throwable cause) {
      if (!first.completeExceptionally(cause)) {
        result.completeExceptionally(new NodeException(ErrorCode.UNAVAILABLE,
            "node " + node + ", serving the request, went away or answered out of protocol: " + cause.getMessage()));
      }
    }

    void unexpected(RemoteReply reply) {
      result.completeExceptionally(new NodeException(ErrorCode.UNAVAILABLE, "node " + node + " answered "
          + kind(reply) + ", which this request does not expect"));
    }

    private static String kind(RemoteReply reply) {
      return reply.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
  }

  /** A generation's answer: the tokens into the sink, then the completion. */
  private static final class GenerationAttempt extends Attempt<Completion> {
    private final TokenSink sink;

    GenerationAttempt(String node, TokenSink sink) {
      super(node);
      this.sink = sink;
    }

    @Override
    void accepted(RemoteReply reply) {
      if (reply instanceof RemoteReply.Token token) {
        sink.accept(token.text());
      } else if (reply instanceof RemoteReply.Done done) {
        result.complete(new Completion(done.text(),
            FinishReason.valueOf(done.finishReason().toUpperCase(Locale.ROOT)), done.promptTokens(),
            done.completionTokens()));
      } else {
        unexpected(reply);
      }
    }
  }

  /**
   * An embeddings answer: one vector per input, made unit length here too (a no-op, bit for bit, for vectors the
   * serving node normalised, as every node does), so a route never changes the promise the API makes.
   */
  private static final class EmbeddingAttempt extends Attempt<Embeddings> {
    private final int inputs;

    EmbeddingAttempt(String node, int inputs) {
      super(node);
      this.inputs = inputs;
    }

    @Override
    void accepted(RemoteReply reply) {
      if (!(reply instanceof RemoteReply.Embedded embedded)) {
        unexpected(reply);
      } else if (embedded.vectors().size() != inputs) {
        result.completeExceptionally(new NodeException(ErrorCode.UNAVAILABLE, "node " + node + " answered "
            + embedded.vectors().size() + " vectors for " + inputs + " inputs"));
      } else {
        result.complete(new Embeddings(embedded.vectors().stream().map(Vectors::unitLength).toList(),
            embedded.promptTokens()));
      }
    }
  }
}
