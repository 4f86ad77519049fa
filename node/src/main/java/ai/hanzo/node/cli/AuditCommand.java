package ai.hanzo.node.cli;

import ai.hanzo.node.client.AuditFilter;
import ai.hanzo.node.client.NodeClient;
import ai.hanzo.node.config.Parsers;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code hanzo-node audit}: the node's audit trail through the admin API (needs admin:read; the node scopes it to
 * the caller's organisation).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Show the audit trail of a node (refused and mutating calls), oldest first. Needs admin:read;"
        + " a caller bound to one organisation sees only its organisation's records.")
final class AuditCommand extends ClientCommand {
  @Mixin TimeRange range = new TimeRange();

  @Option(names = "--principal", paramLabel = "SUBJECT",
      description = "Only this caller, e.g. apikey:<id>, cert:<identity>, a token subject or unauthenticated.")
  String principal;

  @Option(names = "--action", paramLabel = "TEXT", description = "Only calls whose method contains TEXT, e.g. Deploy.")
  String action;

  @Option(names = "--permission", paramLabel = "PERM", description = "Only calls that needed PERM, e.g. deployment:create.")
  String permission;

  @Option(names = "--outcome", paramLabel = "OUTCOME", description = "Only this outcome: OK, DENIED, UNAUTHENTICATED, ...")
  String outcome;

  @Option(names = "--limit", paramLabel = "N", description = "Records per page, 1 to 1000 (default 100).")
  Integer limit;

  @Option(names = "--page-token", paramLabel = "TOKEN", description = "Continue where the previous page stopped.")
  String pageToken;

  AuditCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "audit";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    print(terminal, render.audit(node.audit(new AuditFilter(range.since, range.until, principal, action, permission,
        outcome, limit, pageToken))));
  }

  /** A duration back from now, or an ISO-8601 instant. */
  static final class TimeConverter implements ITypeConverter<Instant> {
    private final Clock clock;

    TimeConverter() {
      this(Clock.systemUTC());
    }

    TimeConverter(Clock clock) {
      this.clock = clock;
    }

    @Override
    public Instant convert(String value) {
      try {
        return clock.instant().minus(Parsers.duration(value));
      } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException notADuration) {
        try {
          return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
          throw new TypeConversionException("'" + value + "' is neither a duration such as 2h or 7d nor an "
              + "ISO-8601 time such as 2026-01-31T12:00:00Z");
        }
      }
    }
  }
}
