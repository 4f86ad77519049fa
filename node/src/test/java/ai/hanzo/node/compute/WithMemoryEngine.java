package ai.hanzo.node.compute;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class whose every test gets a fresh {@link MemoryEngine} ({@link #fx}) over a temp data directory, closed
 * after the test whatever its outcome.
 */
abstract class WithMemoryEngine {
  @TempDir Path dataDir;
  MemoryEngine fx;

  @BeforeEach
  final void buildEngine() {
    fx = engine(dataDir);
  }

  /** The engine of each test: its loop off (the test runs the passes); override to start it or prepare it. */
  MemoryEngine engine(Path dataDir) {
    return new MemoryEngine(dataDir);
  }

  @AfterEach
  final void closeEngine() {
    fx.close();
  }
}
