package ai.hanzo.node.inference.serving;

import ai.hanzo.node.inference.LoadedModel;

/** A model the server has loaded, with its queue; what {@link ModelServer#loaded()} lists. */
public final class ServedModel {
  private final LoadedModel model;
  private final GenerationQueue queue;

  ServedModel(LoadedModel model, int queueDepth) {
    this.model = model;
    this.queue = new GenerationQueue(model, queueDepth);
  }

  public String name() {
    return model.name();
  }

  public long memoryBytes() {
    return model.memoryBytes();
  }

  public int contextLength() {
    return model.contextLength();
  }

  /** Requests generating or waiting for this model. */
  public int pending() {
    return queue.pending();
  }

  LoadedModel model() {
    return model;
  }

  GenerationQueue queue() {
    return queue;
  }
}
