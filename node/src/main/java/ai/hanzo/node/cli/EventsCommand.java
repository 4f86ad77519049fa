package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hanzo-node events}: follows the node's events until interrupted (or --count of them). */
@Command(name = "events", mixinStandardHelpOptions = true,
    description = "Follow a node's events (registrations, heartbeats going offline, deployments, ...).")
final class EventsCommand extends ClientCommand {
  @Option(names = {"-t", "--type"}, paramLabel = "TYPE", split = ",",
      description = "Only these event types; 'node.*' matches a family. Repeatable or comma-separated.")
  List<String> types = new ArrayList<>();

  @Option(names = "--count", paramLabel = "N", description = "Stop after N events.")
  long count;

  EventsCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "events";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    node.events(types, count, event -> print(terminal, render.eventLine(event)));
  }
}
