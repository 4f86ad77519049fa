package ai.hanzo.node.cli;

import java.time.Instant;
import picocli.CommandLine.Option;

/** {@code --since} and {@code --until} of the commands that read a log by time (audit, usage, usage export). */
final class TimeRange {
  @Option(names = "--since", paramLabel = "WHEN", converter = AuditCommand.TimeConverter.class,
      description = "A duration back from now (30m, 2h, 7d) or an RFC 3339 time; default 24h before --until.")
  Instant since;

  @Option(names = "--until", paramLabel = "WHEN", converter = AuditCommand.TimeConverter.class,
      description = "End of the range, excluded (same forms as --since); default now.")
  Instant until;
}
