package ai.hanzo.node.api;

import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.Embeddings;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.node.inference.TokenSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A loaded model that hands every call to another; a test overrides the call it wants to watch or hold. The chat
 * template and the in-flight limit keep {@link LoadedModel}'s defaults (none, one), as the gated tests expect: their
 * prompts are plain transcripts.
 */
class ForwardingModel implements LoadedModel {
  protected final LoadedModel model;

  ForwardingModel(LoadedModel model) {
    this.model = model;
  }

  @Override
  public String name() {
    return model.name();
  }

  @Override
  public long memoryBytes() {
    return model.memoryBytes();
  }

  @Override
  public int contextLength() {
    return model.contextLength();
  }

  @Override
  public int[] tokenize(String text) {
    return model.tokenize(text);
  }

  @Override
  public CompletableFuture<Completion> generate(String prompt, GenerationParams params, TokenSink sink,
      Cancellation cancellation) {
    return model.generate(prompt, params, sink, cancellation);
  }

  @Override
  public CompletableFuture<Embeddings> embed(List<String> inputs, Cancellation cancellation) {
    return model.embed(inputs, cancellation);
  }

  @Override
  public void close() {
    model.close();
  }
}
