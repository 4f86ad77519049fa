package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hanzo-node qos challenge|score|state|history|slashes}: the running node as a challenger of other nodes, through
 * its QoS API. A provider is named by its PeerId or its node id.
 */
@Command(name = "qos", mixinStandardHelpOptions = true,
    description = "Challenge another node (compute, latency, bandwidth, availability) and read the scores, state"
        + " and challenge history this node keeps of it, and the slashes it sent for it.",
    subcommands = {QosCommand.Challenge.class, QosCommand.Score.class, QosCommand.State.class,
        QosCommand.History.class, QosCommand.Slashes.class})
final class QosCommand extends CommandGroup {
  QosCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  /** A verb about one provider. */
  abstract static class ProviderCall extends GroupCall {
    @Parameters(index = "0", paramLabel = "PROVIDER", description = "The provider's PeerId or node id.")
    String provider;
  }

  @Command(name = "challenge", mixinStandardHelpOptions = true,
      description = "Challenge a provider now, wait for the outcome (at most the deadline) and print it; the node"
          + " scores it and keeps it.")
  static final class Challenge extends ProviderCall {
    @Option(names = "--type", required = true, paramLabel = "TYPE",
        completionCandidates = Types.class, converter = TypeConverter.class,
        description = "compute, latency, bandwidth, availability or model.")
    String type;

    @Option(names = "--difficulty", paramLabel = "N", defaultValue = "0",
        description = "compute: leading zero bits, 1 to 24 (default 16); bandwidth: bytes each way, 1024 to"
            + " 67108864 (default 1 MiB); model: tokens to generate, 1 to 64 (default 16); 0 for the default.")
    long difficulty;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "",
        description = "model: the model the provider runs the challenge's prompt with (temperature 0); the node"
            + " challenging must serve it too, as it runs the same prompt to check the tokens.")
    String model;

    @Option(names = "--deadline", paramLabel = "MS", defaultValue = "0",
        description = "Milliseconds from issue to deadline, 50 to 300000 (default 10000).")
    int deadlineMs;

    @Override
    String name() {
      return "challenge";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.qosChallenge(node.qosChallenge(provider, type, difficulty, model, deadlineMs));
    }
  }

  @Command(name = "score", mixinStandardHelpOptions = true,
      description = "The provider's composite score and its components, confidence and trend.")
  static final class Score extends ProviderCall {
    @Override
    String name() {
      return "score";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.qosScore(node.qosScore(provider));
    }
  }

  @Command(name = "state", mixinStandardHelpOptions = true,
      description = "The provider's failure counters, slashed fraction and ban.")
  static final class State extends ProviderCall {
    @Override
    String name() {
      return "state";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.qosState(node.qosState(provider));
    }
  }

  @Command(name = "history", mixinStandardHelpOptions = true,
      description = "The challenges this node ran against the provider, newest first.")
  static final class History extends ProviderCall {
    @Option(names = "--limit", paramLabel = "N", converter = UsageCommand.LimitConverter.class,
        description = "Challenges per page (default 50, at most 500).")
    Integer limit;

    @Option(names = "--page-token", paramLabel = "TOKEN", description = "Continue where the previous page stopped.")
    String pageToken;

    @Override
    String name() {
      return "history";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.qosHistory(node.qosHistory(provider, limit == null ? 0 : limit, pageToken));
    }
  }

  @Command(name = "slashes", mixinStandardHelpOptions = true,
      description = "The slash evidence this node (as the registry's slasher) stored for the provider, newest"
          + " first: challenges, challengers, share and the slash transaction's journal state.")
  static final class Slashes extends ProviderCall {
    @Option(names = "--limit", paramLabel = "N", converter = UsageCommand.LimitConverter.class,
        description = "Slashes per page (default 50, at most 500).")
    Integer limit;

    @Option(names = "--page-token", paramLabel = "TOKEN", description = "Continue where the previous page stopped.")
    String pageToken;

    @Override
    String name() {
      return "slashes";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.qosSlashes(node.qosSlashes(provider, limit == null ? 0 : limit, pageToken));
    }
  }

  /** The challenge types, for --help and shell completion. */
  static final class Types implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.List.of("compute", "latency", "bandwidth", "availability", "model").iterator();
    }
  }

  /** Refuses an unknown type here (exit 2) rather than at the node. */
  static final class TypeConverter implements picocli.CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      for (String t : new Types()) {
        if (t.equals(value)) {
          return t;
        }
      }
      throw new picocli.CommandLine.TypeConversionException("'" + value
          + "' is not a challenge type: compute, latency, bandwidth, availability or model");
    }
  }
}
