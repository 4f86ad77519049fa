package ai.hanzo.node.config;

/** Turns the text of a setting into its value; throws IllegalArgumentException with a short reason. */
@FunctionalInterface
public interface ValueParser<T> {
  T parse(String text);
}
