package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StorageOptionsTest {

  @Test
  void defaultsMatchTheDocumentedRetentionAndDurability() {
    StorageOptions options = StorageOptions.defaults(Path.of("/var/lib/hanzo"));

    assertThat(options.metricsRetention()).isEqualTo(Duration.ofHours(24));
    assertThat(options.eventRetention()).isEqualTo(Duration.ofHours(24));
    assertThat(options.auditRetention()).isEqualTo(Duration.ofDays(30));
    assertThat(options.syncWrites()).isTrue();
    assertThat(options.dbDir()).isEqualTo(Path.of("/var/lib/hanzo/db"));
    assertThat(options.withSyncWrites(false).syncWrites()).isFalse();
  }

  @Test
  void refusesRetentionsThatAreNotPositive() {
    assertThatThrownBy(
            () -> new StorageOptions(Path.of("d"), Duration.ZERO, Duration.ofHours(1),
                Duration.ofHours(1), Duration.ofMinutes(1), true, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metricsRetention");
  }
}
