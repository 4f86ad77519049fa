package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hanzo-node metrics [--watch]}: one host-metrics sample, or a sample every interval until Ctrl-C. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = "Show a node's host metrics; with --watch, a new sample every --interval seconds.")
final class MetricsCommand extends ClientCommand {
  @Option(names = {"-w", "--watch"}, description = "Keep printing samples until interrupted.")
  boolean watch;

  @Option(names = "--interval", paramLabel = "SECONDS", description = "Seconds between samples (1..3600, default 5).")
  int interval = 5;

  @Option(names = "--count", paramLabel = "N", description = "With --watch: stop after N samples.")
  long count;

  @Option(names = "--node-id", paramLabel = "ID", description = "A node registered with this one (default: itself).")
  String nodeId = "";

  MetricsCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "metrics";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    print(terminal, render.metricsHeader());
    node.metrics(nodeId, interval, watch ? count : 1, sample -> print(terminal, render.metricsLine(sample)));
  }
}
