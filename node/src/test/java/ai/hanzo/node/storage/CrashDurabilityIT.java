package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged deployment survives SIGKILL: a child JVM writes deployments with synced writes
 * and prints each id after its put returned; it is killed at a random point and every printed id
 * must be found after reopening. Several rounds run on the same directory, so recovery itself is
 * recovered from.
 */
class CrashDurabilityIT {
  private static final int ROUNDS = 3;
  private static final int MIN_ACKS = 50;

  @TempDir Path dataDir;
  @TempDir Path logs;

  @Test
  void everyAcknowledgedDeploymentSurvivesSigkill() throws Exception {
    Random random = new Random();
    List<String> acknowledgedSoFar = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      List<String> acknowledged = runAndKill("round" + round, MIN_ACKS + random.nextInt(200));
      assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(MIN_ACKS);
      acknowledgedSoFar.addAll(acknowledged);

      try (NodeDatabase db = NodeDatabase.open(StorageOptions.defaults(dataDir))) {
        for (String id : acknowledgedSoFar) {
          assertThat(db.deployments().get(id)).as("acknowledged deployment %s", id)
              .contains(SampleRecords.deployment(id));
        }
      }
    }
  }

  private List<String> runAndKill(String prefix, int killAfter) throws Exception {
    List<String> acknowledged = new ArrayList<>();
    try (ChildJvm child =
        ChildJvm.start(logs.resolve(prefix + ".err"), "write-deployments", dataDir.toString(), prefix)) {
      while (acknowledged.size() < killAfter) {
        acknowledged.add(idOf(child.awaitLine("ACK ")));
      }
      for (String line : child.killAndDrain()) {
        if (line.startsWith("ACK ")) {
          acknowledged.add(idOf(line));
        }
      }
    }
    return acknowledged;
  }

  private static String idOf(String ackLine) {
    return ackLine.substring("ACK ".length());
  }
}
