package ai.hanzo.node.cli;

import ai.hanzo.node.client.AllocationAsk;
import ai.hanzo.node.client.NodeClient;
import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.config.Parsers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hanzo-node allocate create|ls|show ID|release ID}: capacity held on the network before anything is
 * deployed into it ({@code deploy --allocation ID}), through the running node that makes and keeps the allocation.
 */
@Command(name = "allocate", mixinStandardHelpOptions = true,
    description = "Hold capacity on nodes of the network (create), list or show the allocations made through a"
        + " running node, or give one back (release); deploy into one with deploy --allocation ID.",
    subcommands = {AllocateCommand.Create.class, AllocateCommand.Ls.class, AllocateCommand.Show.class,
        AllocateCommand.Release.class})
final class AllocateCommand extends CommandGroup {
  /** The node refuses a ttl outside 10 s..24 h too; checked here so a typo is a usage error before any call. */
  private static final Duration MIN_TTL = Duration.ofSeconds(10);
  private static final Duration MAX_TTL = Duration.ofHours(24);

  AllocateCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Hold --cpus, --memory and --gpus on each of --nodes distinct nodes that can take them now, all"
          + " or none; prints the allocation id, the nodes and when it expires. When too few nodes can, exits 1"
          + " naming every candidate and why it was refused.")
  static final class Create extends GroupCall {
    @Option(names = "--cpus", paramLabel = "CPUS", description = "CPUs held on each node, as in Compose: 0.5, 2.")
    String cpus = "";

    @Option(names = "--memory", paramLabel = "SIZE", description = "Memory held on each node: 512M, 4G.")
    String memory = "";

    @Option(names = "--gpus", paramLabel = "N", description = "GPUs held on each node (default 0).")
    int gpus;

    @Option(names = "--gpu-model", paramLabel = "MODEL",
        description = "Only GPUs whose model contains this, ignoring case (default any).")
    String gpuModel = "";

    @Option(names = "--nodes", paramLabel = "N", description = "How many distinct nodes, 1 to 64 (default 1).")
    int nodes = 1;

    @Option(names = "--pool", paramLabel = "NAME",
        description = "Only members of this pool of the node (its --pool NAME; default any node).")
    String pool = "";

    @Option(names = "--region", paramLabel = "REGION", description = "Only nodes of this region (default any).")
    String region = "";

    @Option(names = "--constraint", paramLabel = "KEY=VALUE",
        description = "Only nodes whose region, zone, runtime, node_id or label KEY is VALUE. Repeatable.")
    Map<String, String> constraints = new LinkedHashMap<>();

    @Option(names = "--strategy", paramLabel = "binpack|spread",
        description = "binpack (default) chooses the nodes left with the least free memory, spread the most.")
    String strategy = "binpack";

    @Option(names = "--ttl", paramLabel = "DURATION",
        description = "How long the holds last unless a deploy uses them, 10s to 24h (default 10m).")
    String ttl = "10m";

    @Override
    String name() {
      return "create";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.allocation(node.allocate(ask()));
    }

    /** The flags checked before the node is asked: a usage error is exit 2 with one line. */
    AllocationAsk ask() {
      Duration d;
      try {
        d = Parsers.positiveDuration(ttl);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--ttl: '" + ttl + "' is not a duration such as 90s, 10m or 2h");
      }
      if (d.compareTo(MIN_TTL) < 0 || d.compareTo(MAX_TTL) > 0) {
        throw new ConfigException("--ttl must be 10s to 24h, not '" + ttl + "'");
      }
      if (nodes < 1 || nodes > 64) {
        throw new ConfigException("--nodes must be 1 to 64, not " + nodes);
      }
      if (gpus < 0) {
        throw new ConfigException("--gpus must be 0 or more, not " + gpus);
      }
      String chosen = strategy.trim().toLowerCase(Locale.ROOT);
      if (!chosen.equals("binpack") && !chosen.equals("spread")) {
        throw new ConfigException("--strategy must be binpack or spread, not '" + strategy + "'");
      }
      try {
        constraints.forEach((k, v) -> {
          PlacementOptions.word(k);
          PlacementOptions.word(v);
        });
        PlacementOptions.wordOrNone(region);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--region and --constraint keys and values must be 1 to 63 of"
            + " A-Z a-z 0-9 . _ / -");
      }
      return new AllocationAsk(pool, region, nodes, cpus, memory, gpus, gpuModel, constraints,
          (int) d.toSeconds(), chosen);
    }
  }

  @Command(name = "ls", mixinStandardHelpOptions = true,
      description = "List the allocations made through the node that your org owns.")
  static final class Ls extends GroupCall {
    @Override
    String name() {
      return "ls";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.allocations(node.allocations());
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show one allocation: its nodes, what each holds and which deployment used it.")
  static final class Show extends GroupCall {
    @Parameters(index = "0", paramLabel = "ID", description = "The allocation's id (alloc-...).")
    String id;

    @Override
    String name() {
      return "show";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.allocation(node.allocation(id));
    }
  }

  @Command(name = "release", mixinStandardHelpOptions = true,
      description = "Give every node's hold of an allocation back.")
  static final class Release extends GroupCall {
    @Parameters(index = "0", paramLabel = "ID", description = "The allocation's id (alloc-...).")
    String id;

    @Override
    String name() {
      return "release";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.released(node.releaseAllocation(id));
    }
  }
}
