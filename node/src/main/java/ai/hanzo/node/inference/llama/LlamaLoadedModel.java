package ai.hanzo.node.inference.llama;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.ChatMessage;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.Embeddings;
import ai.hanzo.node.inference.FinishReason;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.node.inference.ModelUse;
import ai.hanzo.node.inference.TokenSink;
import ai.hanzo.node.inference.Vectors;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One model loaded in llama.cpp. The native model must never be freed while a generation or tokenization uses it
 * (that would crash the JVM), so every use holds the read lock and {@link #close()} takes the write lock; closing
 * first marks the model closed, which running generations see before their next token and end.
 */
final class LlamaLoadedModel implements LoadedModel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final boolean chatTemplate;
  private final ModelUse use;
  private final String name;
  private final LlamaModel model;
  private final long memoryBytes;
  private final int contextLength;
  private final int slots;
  private final Executor executor;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closed;
  private boolean freed;

  LlamaLoadedModel(String name, LlamaModel model, long memoryBytes, int contextLength, int slots, Executor executor,
      boolean chatTemplate, ModelUse use) {
    this.slots = slots;
    this.chatTemplate = chatTemplate;
    this.use = use;
    this.name = name;
    this.model = model;
    this.memoryBytes = memoryBytes;
    this.contextLength = contextLength;
    this.executor = executor;
  }

  /**
   * llama.cpp's OpenAI-style chat parsing renders the template; it would fall back to ChatML for a model without
   * one, so such a model answers empty here and the caller's documented transcript applies instead.
   */
  @Override
  public Optional<String> applyChatTemplate(List<ChatMessage> messages) {
    if (!chatTemplate) {
      return Optional.empty();
    }
    ArrayNode list = JSON.createArrayNode();
    for (ChatMessage m : messages) {
      list.addObject().put("role", m.role()).put("content", m.content());
    }
    ObjectNode request = JSON.createObjectNode();
    request.set("messages", list);
    lock.readLock().lock();
    try {
      requireOpen();
      return Optional.of(model.applyTemplate(request.toString()));
    } catch (RuntimeException e) {
      if (e instanceof NodeException) {
        throw e;
      }
      // a template that fails to render is the model's fault, not the caller's
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, "model '" + name + "' could not format the chat with"
          + " its chat template: " + e.getMessage());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long memoryBytes() {
    return memoryBytes;
  }

  @Override
  public int contextLength() {
    return contextLength;
  }

  /** Its llama.cpp slots: that many generations are decoded together, each in a sequence of its own. */
  @Override
  public int maxInFlight() {
    return slots;
  }

  @Override
  public int[] tokenize(String text) {
    lock.readLock().lock();
    try {
      requireOpen();
      return model.encode(text);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public CompletableFuture<Completion> generate(String prompt, GenerationParams params, TokenSink sink,
      Cancellation cancellation) {
    CompletableFuture<Completion> result = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          result.complete(run(prompt, params, sink, cancellation));
        } catch (RuntimeException | Error e) {
          result.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new NodeException(ErrorCode.RESOURCE_EXHAUSTED,
          "too many generations are waiting for model '" + name + "'; retry later"));
    }
    return result;
  }

  @Override
  public CompletableFuture<Embeddings> embed(List<String> inputs, Cancellation cancellation) {
    if (use != ModelUse.EMBEDDINGS) {
      return LoadedModel.super.embed(inputs, cancellation);
    }
    CompletableFuture<Embeddings> result = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          result.complete(embedAll(inputs, cancellation));
        } catch (RuntimeException | Error e) {
          result.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new NodeException(ErrorCode.RESOURCE_EXHAUSTED,
          "too many requests are waiting for model '" + name + "'; retry later"));
    }
    return result;
  }

  /**
   * One input at a time: java-llama.cpp embeds one text per call, and its context has a single sequence slot. The
   * tokens counted are what llama.cpp decodes: the input's and its beginning-of-text token.
   */
  private Embeddings embedAll(List<String> inputs, Cancellation cancellation) {
    lock.readLock().lock();
    try {
      List<float[]> vectors = new ArrayList<>(inputs.size());
      int tokens = 0;
      for (int i = 0; i < inputs.size(); i++) {
        requireOpen();
        if (cancellation.isCancelled()) {
          throw new NodeException(ErrorCode.UNAVAILABLE, "the request was cancelled");
        }
        String input = inputs.get(i);
        tokens += model.encode(input).length + 1;
        float[] vector;
        try {
          vector = model.embed(input);
        } catch (RuntimeException e) {
          // java-llama.cpp's LlamaException is not public; the inputs were checked against the context before
          throw new NodeException(ErrorCode.FAILED_PRECONDITION, "llama.cpp could not embed input[" + i + "] with"
              + " model '" + name + "': " + e.getMessage(), Map.of("field", "input[" + i + "]", "model", name));
        }
        vectors.add(Vectors.l2Normalised(vector));
      }
      return new Embeddings(vectors, tokens);
    } finally {
      lock.readLock().unlock();
    }
  }

  private Completion run(String prompt, GenerationParams params, TokenSink sink, Cancellation cancellation) {
    lock.readLock().lock();
    try {
      requireOpen();
      int promptTokens = model.encode(prompt).length;
      StringBuilder text = new StringBuilder();
      int tokens = 0;
      if (cancellation.isCancelled()) {
        return new Completion("", FinishReason.CANCELLED, promptTokens, 0);
      }
      LlamaIterator outputs = model.generate(parameters(prompt, params)).iterator();
      try {
        while (outputs.hasNext()) {
          LlamaOutput output = outputs.next();
          // The stream ends with an output that carries no new token, only text still held back, if any.
          if (outputs.hasNext()) {
            tokens++;
          }
          if (!output.text.isEmpty()) {
            text.append(output.text);
            sink.accept(output.text);
          }
          if (outputs.hasNext() && (cancellation.isCancelled() || closed)) {
            outputs.cancel();
            return new Completion(text.toString(), FinishReason.CANCELLED, promptTokens, tokens);
          }
        }
      } catch (RuntimeException | Error e) {
        if (outputs.hasNext()) {
          outputs.cancel();
        }
        throw e;
      }
      FinishReason reason = tokens >= params.maxTokens() ? FinishReason.LENGTH : FinishReason.STOP;
      return new Completion(text.toString(), reason, promptTokens, tokens);
    } finally {
      lock.readLock().unlock();
    }
  }

  private static InferenceParameters parameters(String prompt, GenerationParams params) {
    // No prompt cache: reusing the previous request's cached prefix evaluates this prompt in other batches, and
    // those float differences flip nearly tied tokens, so temperature 0 would answer one prompt in two ways
    // depending on what ran before it.
    InferenceParameters p = new InferenceParameters(prompt).setNPredict(params.maxTokens())
        .setTemperature((float) params.temperature()).setTopP((float) params.topP()).setSeed((int) params.seed())
        .setCachePrompt(false);
    if (!params.stop().isEmpty()) {
      p.setStopStrings(params.stop().toArray(String[]::new));
    }
    return p;
  }

  private void requireOpen() {
    if (closed) {
      throw new NodeException(ErrorCode.UNAVAILABLE, "model '" + name + "' was unloaded");
    }
  }

  @Override
  public void close() {
    closed = true;
    lock.writeLock().lock();
    try {
      if (!freed) {
        freed = true;
        model.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
