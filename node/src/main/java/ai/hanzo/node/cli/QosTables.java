package ai.hanzo.node.cli;

import ai.hanzo.node.client.QosAnswers;
import java.util.Locale;

/** The QoS answers as tables: a challenge's result, a provider's score and state, a page of its history. */
final class QosTables {
  private static final String SLASH_ROW = "%-16s %-7s %-13s %-24s %-66s %s%n";
  private static final String HISTORY_ROW = "%-32s %-12s %-6s %10s %-24s %s%n";

  private QosTables() {}

  static String challenge(QosAnswers.Challenge c) {
    return Tables.labelled(new String[][] {
        {"challenge", c.id()},
        {"type", c.type() + (c.difficulty() == 0 ? "" : " (difficulty " + c.difficulty() + ")")},
        {"provider", c.provider()},
        {"result", c.passed() ? "passed" : "failed: " + c.failure()},
        {"round trip", ms(c.roundTripMs())},
        {"ping", c.pingRttMs() == 0 ? "-" : ms(c.pingRttMs())},
        {"bandwidth", c.bytesPerSecond() == 0 ? "-" : Tables.bytes(c.bytesPerSecond()) + "/s"},
        {"issued", c.issuedAt()},
        {"deadline", c.deadline()},
        {"proof", c.proof().isEmpty() ? "-" : c.proof().length() + " base64 characters (-o json prints it)"}});
  }

  static String score(QosAnswers.Score s) {
    return Tables.labelled(new String[][] {
        {"provider", s.provider()},
        {"composite", fraction(s.composite())},
        {"compute", fraction(s.compute())},
        {"latency", fraction(s.latency())},
        {"bandwidth", fraction(s.bandwidth())},
        {"availability", fraction(s.availability())},
        {"consistency", fraction(s.consistency())},
        {"confidence", fraction(s.confidence())},
        {"trend", String.format(Locale.ROOT, "%+.3f", s.trend())},
        {"challenges", Long.toString(s.challenges())}});
  }

  static String state(QosAnswers.State s) {
    String ban = s.permanentBan() ? "permanent: " + s.banReason()
        : s.banned() ? "until " + s.bannedUntil() + ": " + s.banReason() : "no";
    return Tables.labelled(new String[][] {
        {"provider", s.provider()},
        {"composite", fraction(s.score().composite())},
        {"challenges", s.challenges() + " (" + s.failures() + " failed)"},
        {"consecutive failures", Integer.toString(s.consecutiveFailures())},
        {"slashed", Tables.percent(s.slashedFraction())},
        {"banned", ban},
        {"updated", s.updatedAt()}});
  }

  static String history(QosAnswers.Challenges page) {
    StringBuilder sb = new StringBuilder(String.format(HISTORY_ROW, "CHALLENGE", "TYPE", "RESULT", "RTT",
        "ISSUED", "FAILURE"));
    for (QosAnswers.Challenge c : page.challenges()) {
      sb.append(String.format(HISTORY_ROW, c.id(), c.type(), c.passed() ? "passed" : "failed", ms(c.roundTripMs()),
          c.issuedAt(), Tables.orDash(c.failure())));
    }
    if (!page.nextPageToken().isEmpty()) {
      sb.append("more: --page-token ").append(page.nextPageToken()).append('\n');
    }
    return sb.toString();
  }

  static String slashes(QosAnswers.Slashes page) {
    StringBuilder sb = new StringBuilder(String.format(SLASH_ROW, "EVIDENCE", "SHARE", "STATE", "CREATED",
        "TX", "CHALLENGERS"));
    for (QosAnswers.Slash s : page.slashes()) {
      sb.append(String.format(SLASH_ROW, s.evidenceId().substring(0, Math.min(16, s.evidenceId().length())),
          String.format(Locale.ROOT, "%.2f %%", s.shareBps() / 100.0), s.journalState(), s.createdAt(),
          Tables.orDash(s.txHash()), String.join(",", s.challengers())));
    }
    if (!page.nextPageToken().isEmpty()) {
      sb.append("more: --page-token ").append(page.nextPageToken()).append('\n');
    }
    return sb.toString();
  }

  private static String ms(double millis) {
    return String.format(Locale.ROOT, "%.1f ms", millis);
  }

  private static String fraction(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
