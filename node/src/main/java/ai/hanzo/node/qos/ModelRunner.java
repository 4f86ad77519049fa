package ai.hanzo.node.qos;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.util.concurrent.CompletableFuture;

/**
 * The models this node serves, as model challenges need them: the provider generates its answer with it and the
 * challenger runs the same prompt to check that answer. Implemented by the composition root over the model
 * server; this package does no I/O itself.
 */
public interface ModelRunner {
  /** A runner of no model: this node neither answers nor issues model challenges. */
  ModelRunner NONE = new ModelRunner() {
    @Override
    public boolean serves(String model) {
      return false;
    }

    @Override
    public CompletableFuture<Generated> run(String model, ModelPrompt prompt) {
      return CompletableFuture.failedFuture(new NodeException(ErrorCode.FAILED_PRECONDITION,
          "this node serves no models"));
    }
  };

  /** What a generation gave: its text and the tokens it took to generate it. */
  record Generated(String text, int tokens) { }

  /** Whether this node has {@code model} in its store (loaded or not). Quick; never blocks on a load. */
  boolean serves(String model);

  /**
   * Generates {@code prompt} greedily (temperature 0, the prompt's sampler seed) with {@code model}, at most the
   * prompt's tokens. Must not block the caller (loading the model included); the future fails with a
   * {@link NodeException} when the model cannot be run.
   */
  CompletableFuture<Generated> run(String model, ModelPrompt prompt);
}
