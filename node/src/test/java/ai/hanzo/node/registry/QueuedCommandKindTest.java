package ai.hanzo.node.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class QueuedCommandKindTest {
  @Test
  void theStoredNamesStayTheSame() {
    // Queued commands are kept in RocksDB by these names (StoredNodes); a rename would make stored queues unreadable.
    assertThat(Arrays.stream(QueuedCommandKind.values()).map(Enum::name))
        .containsExactly("DEPLOY", "STOP", "UPDATE", "DRAIN");
  }
}
