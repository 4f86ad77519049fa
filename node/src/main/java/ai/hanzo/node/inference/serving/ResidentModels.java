package ai.hanzo.node.inference.serving;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.node.inference.ModelUse;
import ai.hanzo.node.models.ModelRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models loaded now, within a memory budget. A model is loaded on its first request; when it does not fit beside
 * the loaded ones, the least recently used models without pending requests are unloaded until it does. A model whose
 * estimate alone exceeds the budget, or that would only fit by unloading models that are busy, is UNAVAILABLE with a
 * message that says which. Concurrent first requests for one model load it once. Blocking (loading).
 */
final class ResidentModels implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ResidentModels.class);
  private static final long MIB = 1024 * 1024;

  private final ModelCatalog catalog;
  private final ModelLoader loader;
  private final long budgetBytes;
  private final int queueDepth;
  /**
   * By {@link ServedModel#key}; access order: the first entry is the least recently used. Guarded by {@code this}.
   */
  private final LinkedHashMap<String, ServedModel> loaded = new LinkedHashMap<>(16, 0.75f, true);
  /** Loads in progress, so concurrent first requests for one model load it once. Guarded by {@code this}. */
  private final Map<String, CompletableFuture<ServedModel>> loading = new HashMap<>();
  /** Bytes of the loaded models plus the estimates of those being loaded. Guarded by {@code this}. */
  private long reservedBytes;
  private boolean closed;

  ResidentModels(ModelCatalog catalog, ModelLoader loader, long budgetBytes, int queueDepth) {
    if (budgetBytes < 1) {
      throw new IllegalArgumentException("the memory budget must be positive: " + budgetBytes);
    }
    this.catalog = catalog;
    this.loader = loader;
    this.budgetBytes = budgetBytes;
    this.queueDepth = queueDepth;
  }

  long budgetBytes() {
    return budgetBytes;
  }

  synchronized long usedBytes() {
    return reservedBytes;
  }

  synchronized List<ServedModel> loaded() {
    return List.copyOf(loaded.values());
  }

  /** Looks a loaded model up without marking it used (for listings). */
  synchronized Optional<ServedModel> peek(String name) {
    for (ServedModel m : loaded.values()) {
      if (m.name().equals(name)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /**
   * Runs {@code queueing} (which queues a request on {@code model}) only while {@code model} is still loaded, so no
   * request joins the queue of a model being unloaded; empty when it was unloaded meanwhile.
   */
  synchronized <T> Optional<T> whileLoaded(ServedModel model, Supplier<T> queueing) {
    if (loaded.get(model.key()) != model) {
      return Optional.empty();
    }
    return Optional.of(queueing.get());
  }

  /** Loads {@code name} for {@code use} if it is not loaded so, and returns it, marked as just used. */
  ServedModel load(String name, ModelUse use) {
    ModelRecord record = catalog.record(name);
    String key = ServedModel.key(name, use);
    CompletableFuture<ServedModel> pending;
    synchronized (this) {
      requireOpen();
      ServedModel served = loaded.get(key);
      if (served != null) {
        return served;
      }
      pending = loading.get(key);
    }
    if (pending != null) {
      return await(pending);
    }
    long estimate = loader.estimate(record, use);
    if (estimate > budgetBytes) {
      throw new NodeException(ErrorCode.UNAVAILABLE, "model '" + name + "' needs about " + mib(estimate)
          + " MiB (weights and cache), more than the whole model memory budget of " + mib(budgetBytes)
          + " MiB; raise --model-memory-budget (HANZO_MODEL_MEMORY_BUDGET) to serve it",
          Map.of("model", name, "reason", "larger_than_budget"));
    }
    CompletableFuture<ServedModel> mine = new CompletableFuture<>();
    List<ServedModel> evicted = new ArrayList<>();
    synchronized (this) {
      requireOpen();
      ServedModel served = loaded.get(key);
      if (served != null) {
        return served;
      }
      pending = loading.get(key);
      if (pending == null) {
        makeRoom(name, estimate, evicted);
        reservedBytes += estimate;
        loading.put(key, mine);
      }
    }
    if (pending != null) {
      return await(pending);
    }
    for (ServedModel victim : evicted) {
      log.info("unloading model {} ({} MiB), the least recently used, to make room for {}", victim.name(),
          mib(victim.memoryBytes()), name);
      victim.model().close();
    }
    return finishLoad(use, record, estimate, mine);
  }

  private ServedModel finishLoad(ModelUse use, ModelRecord record, long estimate,
      CompletableFuture<ServedModel> mine) {
    String key = ServedModel.key(record.name(), use);
    LoadedModel model;
    try {
      model = loader.load(record, use);
    } catch (NodeException e) {
      synchronized (this) {
        reservedBytes -= estimate;
        loading.remove(key);
      }
      mine.completeExceptionally(e);
      throw e;
    }
    ServedModel served = new ServedModel(model, use, queueDepth);
    boolean closedMeanwhile;
    synchronized (this) {
      loading.remove(key);
      closedMeanwhile = closed;
      if (!closedMeanwhile) {
        reservedBytes += model.memoryBytes() - estimate;
        loaded.put(key, served);
      } else {
        reservedBytes -= estimate;
      }
    }
    if (closedMeanwhile) {
      model.close();
      NodeException stopping = stopping();
      mine.completeExceptionally(stopping);
      throw stopping;
    }
    mine.complete(served);
    return served;
  }

  /**
   * Picks least recently used idle models until {@code needed} more bytes fit; throws UNAVAILABLE (taking none)
   * when even unloading every idle model would not make room.
   */
  private void makeRoom(String name, long needed, List<ServedModel> evicted) {
    long free = budgetBytes - reservedBytes;
    if (free >= needed) {
      return;
    }
    List<ServedModel> victims = new ArrayList<>();
    for (ServedModel candidate : loaded.values()) {
      if (free >= needed) {
        break;
      }
      if (candidate.pending() == 0) {
        victims.add(candidate);
        free += candidate.memoryBytes();
      }
    }
    if (free < needed) {
      List<String> busy = loaded.values().stream().filter(m -> m.pending() > 0).map(ServedModel::name).toList();
      throw new NodeException(ErrorCode.UNAVAILABLE, "model '" + name + "' needs about " + mib(needed)
          + " MiB but the model memory budget (" + mib(budgetBytes) + " MiB) is held by models serving requests ("
          + String.join(", ", busy) + "); retry when they are idle", Map.of("model", name, "reason", "budget_busy"));
    }
    for (ServedModel victim : victims) {
      loaded.remove(victim.key());
      reservedBytes -= victim.memoryBytes();
      evicted.add(victim);
    }
  }

  /** Unloads {@code name} for every use; returns whether it was loaded. */
  boolean unload(String name) {
    List<ServedModel> unloaded = new ArrayList<>();
    synchronized (this) {
      for (ModelUse use : ModelUse.values()) {
        ServedModel served = loaded.remove(ServedModel.key(name, use));
        if (served != null) {
          reservedBytes -= served.memoryBytes();
          unloaded.add(served);
        }
      }
    }
    for (ServedModel served : unloaded) {
      log.info("unloading model {} ({}, {} MiB) on request", name, served.use(), mib(served.memoryBytes()));
      served.model().close();
    }
    return !unloaded.isEmpty();
  }

  /** Unloads every model and closes the engines. */
  @Override
  public void close() {
    List<ServedModel> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(loaded.values());
      loaded.clear();
      reservedBytes = 0;
    }
    for (ServedModel served : all) {
      served.model().close();
    }
    loader.close();
  }

  private static ServedModel await(CompletableFuture<ServedModel> pending) {
    try {
      return pending.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof NodeException ne) {
        throw ne;
      }
      throw e;
    }
  }

  private void requireOpen() {
    if (closed) {
      throw stopping();
    }
  }

  private static NodeException stopping() {
    return new NodeException(ErrorCode.UNAVAILABLE, "the node is stopping; models are being unloaded");
  }

  private static long mib(long bytes) {
    return (bytes + MIB - 1) / MIB;
  }
}
