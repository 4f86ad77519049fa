package ai.hanzo.node.inference.serving;

import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.node.inference.ModelUse;

/**
 * A model the server has loaded for one use, with its queue; what {@link ModelServer#loaded()} lists. A model
 * serving both generations and embeddings is loaded twice, as two of these.
 */
public final class ServedModel {
  private final LoadedModel model;
  private final ModelUse use;
  private final GenerationQueue queue;

  ServedModel(LoadedModel model, ModelUse use, int queueDepth) {
    this.model = model;
    this.use = use;
    this.queue = new GenerationQueue(model, queueDepth);
  }

  public String name() {
    return model.name();
  }

  public ModelUse use() {
    return use;
  }

  public long memoryBytes() {
    return model.memoryBytes();
  }

  public int contextLength() {
    return model.contextLength();
  }

  /** Requests it serves at once (its sequence slots); more wait in its queue. */
  public int slots() {
    return model.maxInFlight();
  }

  /** Requests running or waiting for this model. */
  public int pending() {
    return queue.pending();
  }

  /** The server's key of a model loaded for a use: the name alone for generation, as before embeddings existed. */
  static String key(String name, ModelUse use) {
    return use == ModelUse.GENERATION ? name : name + "#" + use.name();
  }

  String key() {
    return key(name(), use);
  }

  LoadedModel model() {
    return model;
  }

  GenerationQueue queue() {
    return queue;
  }
}
