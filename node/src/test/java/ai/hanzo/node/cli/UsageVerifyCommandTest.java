package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.node.usage.ComputeUsageRow;
import ai.hanzo.node.usage.Granularity;
import ai.hanzo.node.usage.UsagePage;
import ai.hanzo.node.usage.UsageQuery;
import ai.hanzo.node.usage.UsageScope;
import ai.hanzo.node.usage.UsageStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hanzo-node usage verify FILE}: exit 0 and who signed, 1 with the reason when changed, 2 when unreadable. */
class UsageVerifyCommandTest {
  private static final Instant SINCE = Instant.parse("2026-03-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void aValidStatementPassesAChangedOneFailsAndAMissingFileIsAUsageError() throws Exception {
    String statement = UsageStatement.sign(new UsagePage(List.of(), null, List.of(), true,
        List.of(new ComputeUsageRow("acme", "burner", SINCE, SINCE.plusSeconds(3600), 4.5, 0.25, 2)), true),
        new UsageQuery(SINCE, SINCE.plusSeconds(86_400), null, null, 10, null, UsageScope.ALL, null,
            Granularity.HOUR), "node-7", Ed25519PrivateKey.generate(), SINCE.plusSeconds(86_400));
    Path good = Files.writeString(dir.resolve("usage.json"), statement);
    CliHarness valid = new CliHarness();
    assertThat(valid.run(Map.of(), "usage", "verify", good.toString())).isZero();
    assertThat(valid.out()).contains("valid: signed by 12D3KooW").contains("(node node-7)").contains("1 compute rows");

    Path changed = Files.writeString(dir.resolve("changed.json"), statement.replace("4.500000000", "0.500000000"));
    CliHarness invalid = new CliHarness();
    assertThat(invalid.run(Map.of(), "usage", "verify", changed.toString())).isEqualTo(1);
    assertThat(invalid.err()).contains("is not valid").contains("signature does not verify");

    CliHarness missing = new CliHarness();
    assertThat(missing.run(Map.of(), "usage", "verify", dir.resolve("nope.json").toString())).isEqualTo(2);
    assertThat(missing.err()).contains("cannot read");
  }
}
