package ai.hanzo.node.api;

import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.llama.LlamaEngine;
import ai.hanzo.node.inference.serving.ModelServer;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import ai.hanzo.testing.gguf.TinyLlama;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Both API servers over a real model server with one generated model, {@code tiny}, whose engine runs behind a gate
 * the test can close: the inference routes as the ITs of each transport see them. The server takes one generation
 * and one waiting, so a third is refused. With a database, generations are recorded in its usage log.
 */
final class TinyModelApi implements AutoCloseable {
  final GatedEngine engine;
  final ModelServer models;
  final NodeDatabase db;
  final ApiFixture api;

  private TinyModelApi(GatedEngine engine, ModelServer models, NodeDatabase db, ApiFixture api) {
    this.engine = engine;
    this.models = models;
    this.db = db;
    this.api = api;
  }

  /** Writes the model from {@code seed} into {@code dir}; {@code withDatabase}: a node database for usage. */
  static TinyModelApi start(Path dir, long seed, boolean withDatabase) throws IOException {
    Path data = dir.resolve("data");
    ModelStore store = ModelStore.in(data, Clock.systemUTC());
    store.add(TinyLlama.write(dir, seed), "tiny");
    GatedEngine engine = new GatedEngine(new LlamaEngine(2, 64));
    ModelServer models = new ModelServer(store, engine, 1L << 30, 1, new LoadOptions(0, 1));
    NodeDatabase db = null;
    try {
      db = withDatabase ? NodeDatabase.open(StorageOptions.defaults(data)) : null;
      ApiFixture api = new ApiFixture(data, Optional.empty(), ApiServers.IDLE_TIMEOUT, Optional.of(models),
          Optional.ofNullable(db));
      return new TinyModelApi(engine, models, db, api);
    } catch (RuntimeException | Error e) {
      models.close();
      if (db != null) {
        db.close();
      }
      throw e;
    }
  }

  @Override
  public void close() {
    engine.openGate();
    try {
      api.close();
    } finally {
      models.close();
      if (db != null) {
        db.close();
      }
    }
  }
}
