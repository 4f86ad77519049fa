package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code hanzo-node logs [-f] [--tail N] [--since T] DEPLOYMENT [SERVICE]}. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print (or follow) a deployment's logs.")
final class LogsCommand extends ClientCommand {
  @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted.")
  boolean follow;

  @Option(names = "--tail", paramLabel = "N", converter = TailConverter.class,
      description = "Only the last N lines (default: all).")
  int tail;

  @Option(names = "--since", paramLabel = "T", converter = SinceConverter.class,
      description = "Only lines since T: a timestamp (2026-01-02T15:04:05Z), Unix seconds, or a duration ago"
          + " (10m, 2h).")
  Long since;

  @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "The deployment id.")
  String deploymentId;

  @Parameters(index = "1", arity = "0..1", paramLabel = "SERVICE", description = "Only this service.")
  String service = "";

  LogsCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "logs";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    node.logs(deploymentId, service, tail, since == null ? 0 : since, follow,
        line -> print(terminal, render.logLine(line)));
  }

  static final class TailConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int n = Integer.parseInt(value);
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new TypeConversionException("'" + value + "' is not a number of lines (0 or more)");
    }
  }

  /** Unix seconds of a {@code --since} value. */
  static final class SinceConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
          return Long.parseLong(value);
        }
        if (value.contains("T")) {
          return Instant.parse(value).getEpochSecond();
        }
        return Instant.now().minus(ai.hanzo.node.config.Parsers.duration(value)).getEpochSecond();
      } catch (DateTimeException | IllegalArgumentException | ArithmeticException e) {
        throw new TypeConversionException("'" + value + "' is not a time: use 2026-01-02T15:04:05Z, Unix seconds"
            + " or a duration such as 10m");
      }
    }
  }
}
