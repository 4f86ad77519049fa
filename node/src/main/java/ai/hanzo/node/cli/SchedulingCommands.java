package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import ai.hanzo.node.config.Parsers;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code hanzo-node cordon}, {@code drain [--deadline D]} and {@code uncordon}: this node's scheduling. */
final class SchedulingCommands {
  private SchedulingCommands() {}

  @Command(name = "cordon", mixinStandardHelpOptions = true,
      description = "Refuse new deployments and scale-ups; what runs keeps running.")
  static final class Cordon extends ClientCommand {
    Cordon(Map<String, String> env, Terminal terminal) {
      super(env, terminal);
    }

    @Override
    String name() {
      return "cordon";
    }

    @Override
    void run(NodeClient node, Renderer render, Terminal terminal) {
      print(terminal, render.scheduling(node.cordon()));
    }
  }

  @Command(name = "drain", mixinStandardHelpOptions = true,
      description = "Cordon, then stop every running deployment (SIGKILL for what still runs at the deadline).")
  static final class Drain extends ClientCommand {
    @Option(names = "--deadline", paramLabel = "D", converter = DeadlineConverter.class,
        description = "How long deployments get to stop, e.g. 30s or 5m (default 5m, at most 24h).")
    Duration deadline = Duration.ofMinutes(5);

    Drain(Map<String, String> env, Terminal terminal) {
      super(env, terminal);
    }

    @Override
    String name() {
      return "drain";
    }

    @Override
    void run(NodeClient node, Renderer render, Terminal terminal) {
      print(terminal, render.scheduling(node.drain(deadline)));
    }
  }

  @Command(name = "uncordon", mixinStandardHelpOptions = true,
      description = "Take new deployments again and start what the last drain stopped.")
  static final class Uncordon extends ClientCommand {
    Uncordon(Map<String, String> env, Terminal terminal) {
      super(env, terminal);
    }

    @Override
    String name() {
      return "uncordon";
    }

    @Override
    void run(NodeClient node, Renderer render, Terminal terminal) {
      print(terminal, render.scheduling(node.uncordon()));
    }
  }

  static final class DeadlineConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration d;
      try {
        d = Parsers.duration(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "' is not a duration such as 30s or 5m");
      }
      if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofHours(24)) > 0) {
        throw new TypeConversionException("'" + value + "' must be more than 0 and at most 24h");
      }
      return d;
    }
  }
}
