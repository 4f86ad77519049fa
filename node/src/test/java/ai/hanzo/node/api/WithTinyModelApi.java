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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class whose every test gets both API servers over a real model server with one generated model,
 * {@code tiny} (seed {@link #SEED}, printed), whose engine runs behind a gate the test can close: the inference
 * routes as the ITs of each transport see them. The server takes one generation and one waiting, so a third is
 * refused. With a database ({@link #withDatabase()}), generations are recorded in its usage log. Everything is
 * closed after each test, whatever its outcome.
 */
abstract class WithTinyModelApi {
  static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);

  @TempDir Path dir;
  GatedEngine engine;
  ModelServer models;
  NodeDatabase db;
  ApiFixture api;

  /** Whether the API records usage in a node database ({@link #db}); without, {@link #db} stays null. */
  boolean withDatabase() {
    return true;
  }

  @BeforeEach
  final void startModelApi() throws IOException {
    System.out.println(getClass().getSimpleName() + " seed " + SEED + " (-Dhanzo.test.seed to replay)");
    Path data = dir.resolve("data");
    ModelStore store = ModelStore.in(data, Clock.systemUTC());
    store.add(TinyLlama.write(dir, SEED), "tiny");
    engine = new GatedEngine(new LlamaEngine(2, 64));
    models = new ModelServer(store, engine, 1L << 30, 1, new LoadOptions(0, 1));
    db = withDatabase() ? NodeDatabase.open(StorageOptions.defaults(data)) : null;
    api = new ApiFixture(data, Optional.empty(), ApiServers.IDLE_TIMEOUT, Optional.of(models),
        Optional.ofNullable(db));
  }

  @AfterEach
  final void closeModelApi() {
    if (engine != null) {
      engine.openGate();
    }
    try {
      if (api != null) {
        api.close();
      }
    } finally {
      if (models != null) {
        models.close();
      }
      if (db != null) {
        db.close();
      }
    }
  }
}
