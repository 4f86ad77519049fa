package ai.hanzo.node.inference;

/**
 * Receives generated text as it is produced, on the engine's generation thread: keep it quick and never block on
 * the event loop from here. A sink that throws ends the generation with that failure.
 */
@FunctionalInterface
public interface TokenSink {
  /**
   * The next piece of text, never empty. Usually one token's text; llama.cpp holds back text while it may be the
   * start of a stop sequence or of a multi-byte character, and then passes it on with a later token.
   */
  void accept(String text);

  static TokenSink discard() {
    return text -> { };
  }
}
