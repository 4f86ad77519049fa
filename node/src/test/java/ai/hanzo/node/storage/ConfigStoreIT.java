package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConfigStoreIT extends DatabaseFixture {

  @Test
  void getOrCreatePersistsTheFirstValueOnly() {
    AtomicInteger created = new AtomicInteger();
    String first = db().config().getOrCreate("node.id", () -> "node-" + created.incrementAndGet());
    String again = reopen().config().getOrCreate("node.id", () -> "node-" + created.incrementAndGet());

    assertThat(first).isEqualTo("node-1");
    assertThat(again).isEqualTo("node-1");
    assertThat(created).hasValue(1);
  }

  @Test
  void putsOverwritesAndDeletes() {
    ConfigStore config = db().config();
    config.put("region", "eu");
    config.put("region", "us");
    assertThat(config.get("region")).contains("us");

    config.delete("region");
    assertThat(config.get("region")).isEmpty();
  }

  @Test
  void refusesTheKeysOfTheStorageFormat() {
    assertThatThrownBy(() -> db().config().put("hanzo.storage.format-version", "9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved");
  }

  @Test
  void aValueThatIsNotUtf8IsCorrupt() throws Exception {
    db();
    closeDb();
    RawRocks.put(dbDir(), "config", "region", new byte[] {(byte) 0xc3, 0x28});

    assertThatThrownBy(() -> db().config().get("region"))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> {
              assertThat(e.code()).isEqualTo(StorageErrorCode.CORRUPT);
              assertThat(e.getMessage()).contains("'config'").contains("'region'");
            });
  }
}
