package ai.hanzo.node.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.crypto.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Signed usage statements: a statement verifies as written; any change to it, a key that is not the PeerId's, a
 * number that is not canonical, or text that is not a statement is refused with a reason.
 */
class UsageStatementTest {
  private static final long SEED = Long.getLong("hanzo.test.seed", System.nanoTime());
  private static final Instant SINCE = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant UNTIL = Instant.parse("2026-03-02T00:00:00Z");

  @Test
  void aStatementVerifiesAsSignedAndSaysWhatItCovers() {
    String statement = statement(Ed25519PrivateKey.fromSeed(new byte[32]));
    UsageStatement.Verified verified = UsageStatement.verify(statement);
    assertThat(verified.nodeId()).isEqualTo("node-1");
    assertThat(verified.since()).isEqualTo("2026-03-01T00:00:00Z");
    assertThat(verified.computeRows()).isEqualTo(2);
    assertThat(verified.inferenceRows()).isEqualTo(1);
    assertThat(verified.document().path("compute").get(0).path("cpu_seconds").asText()).isEqualTo("10.060000000");
    assertThat(verified.document().path("compute").get(0).path("gpu_seconds").asText()).isEqualTo("7200.500000000");
    assertThat(verified.document().path("compute").get(0).path("network_rx_bytes").asLong()).isEqualTo(1500);
    assertThat(verified.document().path("compute").get(0).path("network_tx_bytes").asLong()).isEqualTo(700);
    // whitespace and key order are not part of what is signed
    assertThat(UsageStatement.verify(statement.replace(",", " ,\n "))).isNotNull();
  }

  @Test
  void anyChangeToTheStatementIsRefused() {
    System.out.println("UsageStatementTest seed " + SEED + " (-Dhanzo.test.seed to replay)");
    Random random = new Random(SEED);
    String statement = statement(Ed25519PrivateKey.generate());
    int body = statement.indexOf("\"signature\"");
    for (int i = 0; i < 300; i++) {
      // one character of the signed fields changed to another printable one
      int at = random.nextInt(statement.length() - 1);
      char replacement = (char) (33 + random.nextInt(94));
      if (statement.charAt(at) == replacement || (at >= body && at < body + 12)) {
        continue;
      }
      String tampered = statement.substring(0, at) + replacement + statement.substring(at + 1);
      if (tampered.replace(" ", "").equals(statement.replace(" ", ""))) {
        continue;
      }
      assertThatThrownBy(() -> UsageStatement.verify(tampered)).as("changed at %d: %s", at, tampered)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aStatementSignedByAnotherKeyOrNamingAnotherPeerIsRefused() {
    String mine = statement(Ed25519PrivateKey.fromSeed(new byte[32]));
    String theirs = statement(Ed25519PrivateKey.generate());
    String theirKey = field(theirs, "public_key");
    assertThatThrownBy(() -> UsageStatement.verify(mine.replace(field(mine, "public_key"), theirKey)))
        .hasMessageContaining("is not the PeerId of public_key");
    assertThatThrownBy(() -> UsageStatement.verify(mine.replace(field(mine, "peer_id"), field(theirs, "peer_id"))
        .replace(field(mine, "public_key"), theirKey))).hasMessageContaining("signature does not verify");
    assertThatThrownBy(() -> UsageStatement.verify(mine.replace(field(mine, "signature"),
        Base64.getEncoder().encodeToString(new byte[64])))).hasMessageContaining("signature does not verify");
  }

  @Test
  void textThatIsNotAStatementIsRefusedWithAReason() {
    String good = statement(Ed25519PrivateKey.generate());
    assertThatThrownBy(() -> UsageStatement.verify("not json")).hasMessageStartingWith("not JSON");
    assertThatThrownBy(() -> UsageStatement.verify("[1,2]")).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> UsageStatement.verify("{\"version\":2}")).hasMessageContaining("version 1");
    assertThatThrownBy(() -> UsageStatement.verify(good.replace("\"intervals\":3", "\"intervals\":3.5")))
        .hasMessageContaining("floating-point");
    assertThatThrownBy(() -> UsageStatement.verify(good.replace("\"signature\":", "\"sig\":")))
        .hasMessageContaining("signature is missing");
  }

  private static String statement(PrivateKey key) {
    UsageQuery query = new UsageQuery(SINCE, UNTIL, null, null, 10, null, UsageScope.ALL, null, Granularity.HOUR);
    UsagePage page = new UsagePage(List.of(), null,
        List.of(new UsageTotals("acme", "tiny", 3, 120, 40)), true,
        List.of(new ComputeUsageRow("acme", "burner", SINCE, SINCE.plusSeconds(3600), 10.06, 0.0053, 7200.5, 1500,
                700, 3),
            new ComputeUsageRow(null, "other", SINCE, SINCE.plusSeconds(3600), 1, 2, 1)), true);
    return UsageStatement.sign(page, query, "node-1", key, UNTIL);
  }

  private static String field(String statement, String name) {
    int start = statement.indexOf("\"" + name + "\":\"") + name.length() + 4;
    return statement.substring(start, statement.indexOf('"', start));
  }
}
