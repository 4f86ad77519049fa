package ai.hanzo.node.cli;

import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.Parsers;
import ai.hanzo.node.config.Setting;
import ai.hanzo.node.config.StorageConfig;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** How long stored history is kept. */
public final class StorageOptions {
  static final Setting<Duration> METRICS_RETENTION = new Setting<>("--metrics-retention",
      "HANZO_METRICS_RETENTION", "24h", "a duration such as 24h or 7d", Parsers::positiveDuration);

  static final List<Setting<?>> ALL = List.of(METRICS_RETENTION);

  @Option(names = "--metrics-retention", paramLabel = "DURATION",
      description = "How long metrics history is kept (env HANZO_METRICS_RETENTION, default 24h).")
  String metricsRetention;

  StorageConfig toConfig(ConfigSources sources) {
    return new StorageConfig(sources.resolve(METRICS_RETENTION, metricsRetention));
  }
}
