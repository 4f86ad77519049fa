package ai.hanzo.node.cli;

import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.LogFormat;
import ai.hanzo.node.config.LogLevel;
import ai.hanzo.node.config.LoggingConfig;
import ai.hanzo.node.config.Parsers;
import ai.hanzo.node.config.Setting;
import java.util.List;
import picocli.CommandLine.Option;

/** Log level and format, and whether to print the start-up banner. */
public final class LoggingOptions {
  static final Setting<LogLevel> LOG_LEVEL = new Setting<>("--log-level", "HANZO_LOG_LEVEL", "info",
      "one of trace, debug, info, warn, error", s -> Parsers.enumValue(LogLevel.class, s));
  static final Setting<LogFormat> LOG_FORMAT = new Setting<>("--log-format", "HANZO_LOG_FORMAT", "text",
      "text or json", s -> Parsers.enumValue(LogFormat.class, s));
  static final Setting<Boolean> NO_BANNER =
      new Setting<>("--no-banner", "HANZO_NO_BANNER", "false", "true or false", Parsers::bool);

  static final List<Setting<?>> ALL = List.of(LOG_LEVEL, LOG_FORMAT, NO_BANNER);

  @Option(names = "--log-level", paramLabel = "LEVEL",
      description = "trace, debug, info, warn or error (env HANZO_LOG_LEVEL, default info).")
  String logLevel;

  @Option(names = "--log-format", paramLabel = "FORMAT",
      description = "text or json, one object per line (env HANZO_LOG_FORMAT, default text).")
  String logFormat;

  @Option(names = "--no-banner", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
      description = "Do not print the banner (printed only on a terminal with text logs) (env HANZO_NO_BANNER, default false).")
  String noBanner;

  LoggingConfig toConfig(ConfigSources sources) {
    return new LoggingConfig(sources.resolve(LOG_LEVEL, logLevel), sources.resolve(LOG_FORMAT, logFormat),
        !sources.resolve(NO_BANNER, noBanner));
  }
}
