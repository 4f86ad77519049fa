package ai.hanzo.node.config;

/** A setting has a value that cannot be used; the message names the setting, the value and what is expected. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
