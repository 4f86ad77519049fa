package ai.hanzo.node.compute;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A started engine over the process runtime in a fresh directory per test, closed (and its containers removed) after. */
abstract class WithRunningEngine {
  @TempDir
  Path dataDir;

  ComputeFixture fx;

  @BeforeEach
  void startEngine() {
    fx = new ComputeFixture(dataDir);
    fx.engine.start();
  }

  @AfterEach
  void closeEngine() {
    fx.close();
  }
}
