package ai.hanzo.node.cli;

import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.Parsers;
import ai.hanzo.node.config.PlacementConfig;
import ai.hanzo.node.config.PoolDefinition;
import ai.hanzo.node.config.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the node is and how it is labelled, for nodes that place deployments across the network. */
public final class PlacementOptions {
  private static final String WORD = "1 to 63 of A-Z a-z 0-9 . _ / -";
  static final Setting<String> REGION = new Setting<>("--region", "HANZO_REGION", "", WORD,
      PlacementOptions::wordOrNone);
  static final Setting<String> ZONE = new Setting<>("--zone", "HANZO_ZONE", "", WORD, PlacementOptions::wordOrNone);
  static final Setting<Map.Entry<String, String>> LABEL = new Setting<>("--label", "HANZO_LABELS", "",
      "KEY=VALUE, each " + WORD, PlacementOptions::label);

  static final Setting<java.time.Duration> LEASE_TIMEOUT = new Setting<>("--lease-timeout", "HANZO_LEASE_TIMEOUT",
      "30s", "a positive duration such as 30s, longer than --heartbeat-interval", Parsers::positiveDuration);

  static final Setting<PoolDefinition> POOL = new Setting<>("--pool", "HANZO_POOLS", "",
      "NAME=KEY=VALUE[+KEY=VALUE...], NAME 1 to 63 of A-Z a-z 0-9 . _ -, keys region, zone, runtime, node_id,"
          + " gpu_model, gpu_memory or a label key", PoolDefinition::parse);

  static final List<Setting<?>> ALL = List.of(REGION, ZONE, LABEL, LEASE_TIMEOUT, POOL);

  @Option(names = "--region", paramLabel = "REGION",
      description = "The region this node announces; deployments placed with --region or a region constraint"
          + " match it (env HANZO_REGION, default none).")
  String region;

  @Option(names = "--zone", paramLabel = "ZONE",
      description = "The zone this node announces, for zone constraints (env HANZO_ZONE, default none).")
  String zone;

  @Option(names = "--label", paramLabel = "KEY=VALUE",
      description = "A label this node announces, for placement constraints; repeatable (env HANZO_LABELS,"
          + " comma-separated; default none).")
  List<String> labels;

  @Option(names = "--lease-timeout", paramLabel = "DURATION",
      description = "How long a node this one placed a deployment on may send no heartbeat before this node places"
          + " the deployment again elsewhere; longer than --heartbeat-interval (env HANZO_LEASE_TIMEOUT, default"
          + " 30s).")
  String leaseTimeout;

  @Option(names = "--pool", paramLabel = "NAME=SELECTOR",
      description = "A compute pool this node describes (GET /v1/compute/pools, `hanzo-node pools`): the nodes"
          + " whose heartbeats match every KEY=VALUE of the selector, terms joined with +, keys region, zone,"
          + " runtime, node_id, gpu_model, gpu_memory or a label key, e.g. gpu-eu=region=eu+gpu_model=A100;"
          + " repeatable, at most 32 (env HANZO_POOLS, comma-separated; default none).")
  List<String> pools;

  static String word(String s) {
    if (!PlacementConfig.WORD.matcher(s).matches()) {
      throw new IllegalArgumentException("not " + WORD);
    }
    return s;
  }

  /** The empty default: no region or zone. */
  static String wordOrNone(String s) {
    return s.isEmpty() ? s : word(s);
  }

  static Map.Entry<String, String> label(String s) {
    int eq = s.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException("no '=' between key and value");
    }
    return Map.entry(word(s.substring(0, eq)), word(s.substring(eq + 1)));
  }

  PlacementConfig toConfig(ConfigSources sources) {
    Map<String, String> labels = new LinkedHashMap<>();
    sources.resolveList(LABEL, this.labels).forEach(e -> labels.put(e.getKey(), e.getValue()));
    if (labels.size() > PlacementConfig.MAX_LABELS) {
      throw new ConfigException("--label: at most " + PlacementConfig.MAX_LABELS + " labels, got "
          + labels.size());
    }
    List<PoolDefinition> pools = sources.resolveList(POOL, this.pools);
    if (pools.size() > PoolDefinition.MAX_POOLS) {
      throw new ConfigException("--pool: at most " + PoolDefinition.MAX_POOLS + " pools, got " + pools.size());
    }
    if (pools.stream().map(PoolDefinition::id).distinct().count() != pools.size()) {
      throw new ConfigException("--pool: two pools have the same name");
    }
    return new PlacementConfig(sources.resolve(REGION, region), sources.resolve(ZONE, zone), labels,
        sources.resolve(LEASE_TIMEOUT, leaseTimeout), pools);
  }
}
