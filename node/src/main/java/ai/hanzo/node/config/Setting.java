package ai.hanzo.node.config;

/**
 * One configurable value and the names it has in each source: the command-line flag, the environment variable and
 * the config-file key. {@code expected} tells a user what a valid value looks like.
 */
public record Setting<T>(
    String flag, String env, String defaultText, String expected, ValueParser<T> parser) {

  /** The key of this setting in a config file: the flag without its dashes. */
  public String fileKey() {
    return flag.substring(2);
  }
}
