package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.testing.RandomCases;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The chain transaction journal: what is put comes back after a reopen, states move on, the codec round trips. */
class ChainTxStoreIT extends DatabaseFixture {
  private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void journaledTransactionsSurviveAReopenAndMoveThroughTheirStates() {
    ChainTxRecord sent = new ChainTxRecord("0x" + "ab".repeat(32), "0x" + "01".repeat(20), 7, "register",
        "2000000000000000000", "0x02f8deadbeef", "PENDING", 0, "", AT, AT);
    db().chainTxs().put(sent);
    ChainTxStore journal = reopen().chainTxs();
    assertThat(journal.get(sent.hash())).contains(sent);
    ChainTxRecord mined = journal.update(sent.hash(), r -> r.withState("CONFIRMED", 42, "", AT.plusSeconds(3)))
        .orElseThrow();
    assertThat(reopen().chainTxs().list()).containsExactly(mined);
    assertThat(mined.blockNumber()).isEqualTo(42);
    assertThat(mined.rawHex()).as("the signed bytes never change").isEqualTo(sent.rawHex());
  }

  @Test
  void theCodecRoundTrips() {
    ChainTxRecordCodec codec = new ChainTxRecordCodec();
    RandomCases.forAll(300, g -> {
      ChainTxRecord record = new ChainTxRecord(g.key(), g.text(), g.anyLong(), g.text(), g.text(), g.text(),
          g.text(), g.anyLong(), g.text(), g.instant(), g.instant());
      assertThat(codec.decode(codec.encode(record))).isEqualTo(record);
    });
  }
}
