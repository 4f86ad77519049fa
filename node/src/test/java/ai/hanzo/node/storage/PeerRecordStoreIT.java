package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerRecordStoreIT extends DatabaseFixture {

  @Test
  void putsGetsListsAndDeletesAcrossReopen() {
    PeerRecord withoutKey =
        new PeerRecord("12D3KooWB", List.of(), List.of(), null, Instant.parse("2026-02-01T00:00:00Z"));
    db().peers().put(SampleRecords.peer("12D3KooWA"));
    db().peers().put(withoutKey);

    PeerRecordStore peers = reopen().peers();
    assertThat(peers.get("12D3KooWA")).contains(SampleRecords.peer("12D3KooWA"));
    assertThat(peers.list()).containsExactly(SampleRecords.peer("12D3KooWA"), withoutKey);

    assertThat(peers.delete("12D3KooWA")).isTrue();
    assertThat(peers.get("12D3KooWA")).isEmpty();
  }
}
