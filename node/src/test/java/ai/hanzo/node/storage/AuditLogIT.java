package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditLogIT extends DatabaseFixture {

  @Test
  void queriesAHalfOpenTimeRangeAcrossReopen() {
    AuditLog audit = db().audit();
    audit.append(SampleRecords.audit(START, "Deploy"));
    audit.append(SampleRecords.audit(START.plusSeconds(10), "Scale"));
    audit.append(SampleRecords.audit(START.plusSeconds(20), "Stop"));

    AuditLog reopened = reopen().audit();
    assertThat(reopened.query(START, START.plusSeconds(20), 100))
        .extracting(AuditEntry::action)
        .containsExactly("Deploy", "Scale");
    assertThat(reopened.query(START.plusSeconds(1), Instant.MAX, 1))
        .containsExactly(SampleRecords.audit(START.plusSeconds(10), "Scale"));
  }

  @Test
  void keepsEntriesForTheAuditRetentionOnly() {
    AuditLog audit = db().audit();
    audit.append(SampleRecords.audit(START, "Deploy"));
    audit.append(SampleRecords.audit(START.plus(Duration.ofDays(2)), "Scale"));

    clock.advance(Duration.ofDays(29));
    db().retention().runOnce();
    assertThat(audit.query(Instant.EPOCH, Instant.MAX, 10)).hasSize(2);

    clock.advance(Duration.ofDays(2));
    db().retention().runOnce();
    assertThat(audit.query(Instant.EPOCH, Instant.MAX, 10)).extracting(AuditEntry::action)
        .containsExactly("Scale");
  }
}
