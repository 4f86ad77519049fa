package ai.hanzo.node.p2p.qos;

import ai.hanzo.node.qos.ChallengeType;
import ai.hanzo.node.qos.ProviderState;
import ai.hanzo.node.storage.QosChallengeRecord;
import ai.hanzo.node.storage.QosProviderRecord;
import java.util.Base64;

/** Between {@code qos}'s values and {@code storage}'s records, which know nothing of each other. */
final class QosRecords {
  private QosRecords() {}

  static QosProviderRecord toRecord(ProviderState s) {
    return new QosProviderRecord(s.provider(), s.compute(), s.latency(), s.bandwidth(), s.availability(),
        s.consistency(), s.composite(), s.confidence(), s.trend(), s.challenges(), s.failures(),
        s.consecutiveFailures(), s.slashedFraction(), s.bannedUntil(), s.permanentBan(), s.banReason(),
        s.latencyMeanMs(), s.latencyVarMs2(), s.updatedAt());
  }

  static ProviderState toState(QosProviderRecord r) {
    return new ProviderState(r.provider(), r.compute(), r.latency(), r.bandwidth(), r.availability(),
        r.consistency(), r.composite(), r.confidence(), r.trend(), r.challenges(), r.failures(),
        r.consecutiveFailures(), r.slashedFraction(), r.bannedUntil(), r.permanentBan(), r.banReason(),
        r.latencyMeanMs(), r.latencyVarMs2(), r.updatedAt());
  }

  static QosChallengeRecord toRecord(ChallengeRun run) {
    var c = run.challenge().challenge();
    var o = run.outcome();
    return new QosChallengeRecord(c.id(), c.type().label(), c.provider(), c.challenger(), c.difficulty(),
        c.issuedAt(), c.deadline(), o.passed(), o.failure(), o.roundTrip().toNanos(), o.pingRtt().toNanos(),
        o.bytesPerSecond(), o.at(), run.proof().map(p -> Base64.getEncoder().encodeToString(p.toBytes()))
            .orElse(null));
  }

  static ChallengeType type(QosChallengeRecord r) {
    return ChallengeType.parse(r.type()).orElseThrow(() -> new IllegalStateException(
        "stored challenge " + r.id() + " has an unknown type " + r.type()));
  }
}
