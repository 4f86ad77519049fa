package ai.hanzo.node.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves settings with the precedence flags > environment > config file > defaults, and reports a bad value
 * together with where it came from.
 */
public final class ConfigSources {
  private final Map<String, String> env;
  private final Map<String, String> file;
  private final Path filePath;

  public ConfigSources(Map<String, String> env, Map<String, String> file, Path filePath) {
    this.env = Map.copyOf(env);
    this.file = Map.copyOf(file);
    this.filePath = filePath;
  }

  public static ConfigSources of(Map<String, String> env) {
    return new ConfigSources(env, Map.of(), null);
  }

  /** The value from the first source that has one; {@code flagValue} is null when the flag was not given. */
  public <T> T resolve(Setting<T> setting, String flagValue) {
    if (flagValue != null) {
      return parse(setting, flagValue, setting.flag());
    }
    String fromEnv = env.get(setting.env());
    if (fromEnv != null && !fromEnv.isBlank()) {
      return parse(setting, fromEnv, setting.env());
    }
    String fromFile = file.get(setting.fileKey());
    if (fromFile != null) {
      return parse(setting, fromFile, "'" + setting.fileKey() + "' in " + filePath);
    }
    return parse(setting, setting.defaultText(), "the default of " + setting.flag());
  }

  /**
   * A repeatable setting: flag values if any were given, else the comma-separated environment variable, else the
   * file's list, else the default list. Each element is checked with the setting's parser.
   */
  public <T> List<T> resolveList(Setting<T> setting, List<String> flagValues) {
    if (flagValues != null && !flagValues.isEmpty()) {
      return parseAll(setting, flagValues, setting.flag());
    }
    String fromEnv = env.get(setting.env());
    if (fromEnv != null && !fromEnv.isBlank()) {
      return parseAll(setting, splitCommas(fromEnv), setting.env());
    }
    String fromFile = file.get(setting.fileKey());
    if (fromFile != null) {
      return parseAll(setting, splitCommas(fromFile), "'" + setting.fileKey() + "' in " + filePath);
    }
    return parseAll(setting, splitCommas(setting.defaultText()), "the default of " + setting.flag());
  }

  public Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  private static List<String> splitCommas(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static <T> List<T> parseAll(Setting<T> setting, List<String> texts, String source) {
    List<T> values = new ArrayList<>();
    for (String t : texts) {
      values.add(parse(setting, t, source));
    }
    return List.copyOf(values);
  }

  private static <T> T parse(Setting<T> setting, String text, String source) {
    try {
      return setting.parser().parse(text);
    } catch (IllegalArgumentException e) {
      String reason = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
      throw new ConfigException(
          "invalid value '" + text + "' for " + source + ": expected " + setting.expected() + reason);
    }
  }
}
