package ai.hanzo.node.qos;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The prompt of a model challenge, derived from the challenge's random seed alone so both ends build the same one
 * and a provider cannot know it before the challenge arrives: a few words picked by the seed's bytes, the sampler
 * seed from its first eight bytes, and the tokens to generate (the challenge's difficulty).
 */
public record ModelPrompt(String text, long samplerSeed, int maxTokens) {
  /** Plain, common words: any tokenizer splits them into few tokens, so the prompt fits any model's context. */
  private static final List<String> WORDS = List.of("river", "stone", "light", "green", "north", "paper", "seven",
      "cloud", "house", "quiet", "bread", "music", "winter", "glass", "horse", "field", "letter", "morning",
      "silver", "garden", "window", "market", "forest", "candle", "bridge", "yellow", "mountain", "ocean", "table",
      "story", "engine", "number");
  private static final int PROMPT_WORDS = 8;

  public static ModelPrompt of(Challenge challenge) {
    if (challenge.type() != ChallengeType.MODEL) {
      throw new IllegalArgumentException("a " + challenge.type().label() + " challenge has no prompt");
    }
    byte[] seed = challenge.seed();
    StringBuilder text = new StringBuilder("Continue:");
    for (int i = 0; i < PROMPT_WORDS; i++) {
      text.append(' ').append(WORDS.get((seed[8 + i] & 0xff) % WORDS.size()));
    }
    return new ModelPrompt(text.toString(), ByteBuffer.wrap(seed, 0, 8).getLong(), (int) challenge.difficulty());
  }
}
