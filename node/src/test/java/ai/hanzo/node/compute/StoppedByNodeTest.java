package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's own stops are remembered across a restart, and forgotten once their containers are gone. */
class StoppedByNodeTest {
  @TempDir Path dataDir;

  @Test
  void marksSurviveARestartAndVanishedContainersAreDropped() {
    try (NodeDatabase db = NodeDatabase.open(StorageOptions.defaults(dataDir))) {
      StoppedByNode stopped = new StoppedByNode(db.config());
      stopped.add(List.of("a", "b", "c"));
      stopped.remove("c");
      assertThat(stopped.contains("c")).isFalse();
    }
    try (NodeDatabase db = NodeDatabase.open(StorageOptions.defaults(dataDir))) {
      StoppedByNode restarted = new StoppedByNode(db.config());
      assertThat(List.of("a", "b", "c")).map(restarted::contains).containsExactly(true, true, false);

      long observation = restarted.beginObservation();
      restarted.add(List.of("new")); // signalled while the listing ran: maybe newer than the listing
      restarted.retainObserved(observation, Set.of("a"));
      assertThat(List.of("a", "b", "new")).map(restarted::contains).containsExactly(true, false, true);
      restarted.retainObserved(restarted.beginObservation(), Set.of());
      assertThat(List.of("a", "new")).map(restarted::contains).containsExactly(false, false);
    }
    try (NodeDatabase db = NodeDatabase.open(StorageOptions.defaults(dataDir))) {
      assertThat(db.config().get("compute.stopped-by-node")).as("nothing left to remember").isEmpty();
    }
  }
}
