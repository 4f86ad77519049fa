package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import ai.hanzo.node.client.PlacementChoice;
import ai.hanzo.node.config.ConfigException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hanzo-node deploy -f docker-compose.yml}: sends a Compose project to a node. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
    description = "Deploy a Compose file to a node. An unsupported key in the file is an error (exit 2).")
final class DeployCommand extends ClientCommand {
  @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The Compose file.")
  Path file;

  @Option(names = "--name", paramLabel = "NAME", description = "Deployment name (default: the file's 'name').")
  String name;

  @Option(names = "--id", paramLabel = "ID",
      description = "Deployment id; deploying the same id and file again changes nothing (default: --name, else the"
          + " file's 'name', else its directory's name, lower-cased without characters outside [a-z0-9_-]).")
  String id;

  @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE",
      description = "Environment for every service of the deployment. Repeatable.")
  Map<String, String> env = new LinkedHashMap<>();

  @Option(names = "--anywhere",
      description = "Let the node choose, among itself and the nodes whose heartbeats it heard, one that can run"
          + " the deployment, and send it there; it fails within 10 s naming every node and why it was refused"
          + " when none can.")
  boolean anywhere;

  @Option(names = "--region", paramLabel = "REGION",
      description = "With --anywhere: only nodes that announce this region (their --region).")
  String region;

  @Option(names = "--constraint", paramLabel = "KEY=VALUE",
      description = "With --anywhere: only nodes whose region, zone, runtime, node_id or label KEY is VALUE."
          + " Repeatable.")
  Map<String, String> constraints = new LinkedHashMap<>();

  @Option(names = "--strategy", paramLabel = "binpack|spread",
      description = "With --anywhere: binpack (default) chooses the node left with the least free memory, spread"
          + " the one left with the most.")
  String strategy;

  @Option(names = "--allocation", paramLabel = "ID",
      description = "Deploy into an allocation made before (hanzo-node allocate create): on a node holding it,"
          + " admitted against its hold, which it uses. Not with --anywhere.")
  String allocation;

  DeployCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "deploy";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    PlacementChoice placement = placement();
    print(terminal, render.deployed(node.deploy(ComposeFile.read(file), file, name, id, env, placement)));
  }

  /** The placement flags checked before the node is asked: a usage error is exit 2. */
  PlacementChoice placement() {
    if (allocation != null) {
      if (anywhere || region != null || !constraints.isEmpty() || strategy != null) {
        throw new ConfigException("--allocation names where the deployment runs: not with --anywhere, --region,"
            + " --constraint or --strategy");
      }
      if (allocation.isBlank()) {
        throw new ConfigException("--allocation needs an allocation id (alloc-...)");
      }
      return PlacementChoice.into(allocation.trim());
    }
    if (!anywhere) {
      if (region != null || !constraints.isEmpty() || strategy != null) {
        throw new ConfigException("--region, --constraint and --strategy need --anywhere");
      }
      return PlacementChoice.HERE;
    }
    String chosen = strategy == null ? "binpack" : strategy.trim().toLowerCase(java.util.Locale.ROOT);
    if (!chosen.equals("binpack") && !chosen.equals("spread")) {
      throw new ConfigException("--strategy must be binpack or spread, not '" + strategy + "'");
    }
    try {
      constraints.forEach((k, v) -> {
        PlacementOptions.word(k);
        PlacementOptions.word(v);
      });
      if (region != null) {
        PlacementOptions.word(region);
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--region and --constraint keys and values must be 1 to 63 of A-Z a-z 0-9 . _ / -");
    }
    return new PlacementChoice(true, region == null ? "" : region, constraints, chosen);
  }
}
