package ai.hanzo.node.inference.llama;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.testing.gguf.TinyLlama;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's engine (llama.cpp in process through java-llama.cpp) against an independent one, node-llama-cpp with
 * its own llama.cpp build, on the same generated model: every prompt must tokenize to the same ids, and its greedy
 * continuation (temperature 0, no repetition penalty, no other sampler) must be the same text. Prompts are a fixed
 * set (spaces, punctuation, byte-fallback Unicode) and seeded random sentences of the model's words.
 *
 * <p>Two differences of node-llama-cpp are taken into account, not hidden: given a string, its completion API
 * tokenizes it by rules of its own (so the reference is given the tokens), and its text of a generation drops the
 * leading space of the first piece (a SentencePiece word start, {@code ▁z}), which llama.cpp's server keeps.
 */
class LlamaCrossCheckIT {
  private static final long SEED = CrossCheckFixture.SEED;
  private static final int MAX_TOKENS = 16;

  @TempDir Path dir;

  @Test
  void tokenizationAndGreedyContinuationsMatchNodeLlamaCpp() throws Exception {
    Optional<String> skip = CrossCheckFixture.REFERENCE.whySkip();
    Assumptions.assumeTrue(skip.isEmpty(), () -> skip.orElse(""));
    System.out.println("LlamaCrossCheckIT seed " + SEED + " (-Dhanzo.test.seed=" + SEED + " repeats it)");
    Path file = TinyLlama.write(dir, SEED);
    List<String> prompts = CrossCheckFixture.prompts(new Random(SEED));

    JsonNode reference = CrossCheckFixture.reference(dir, "crosscheck.mjs", CrossCheckFixture.input(file, prompts)
        .put("maxTokens", MAX_TOKENS));
    System.out.println("reference: " + reference.get("engine").asText() + " " + reference.get("release"));

    LlamaEngine engine = new LlamaEngine(1, 4);
    LoadedModel model = engine.load("cross", file, new LoadOptions(0, 1));
    try {
      for (int i = 0; i < prompts.size(); i++) {
        String prompt = prompts.get(i);
        JsonNode expected = reference.get("results").get(i);
        assertThat(model.tokenize(prompt)).as("tokens of %s", CrossCheckFixture.quoted(prompt))
            .containsExactly(CrossCheckFixture.tokens(expected));
        String ours = model.generate(prompt, new GenerationParams(MAX_TOKENS, 0, 1, List.of(), 0), text -> { },
            new Cancellation()).get(120, TimeUnit.SECONDS).text();
        String theirs = expected.get("completion").asText();
        System.out.printf("greedy continuation of %s: node %s, node-llama-cpp %s (tokens %s)%n", CrossCheckFixture.quoted(prompt),
            CrossCheckFixture.quoted(ours), CrossCheckFixture.quoted(theirs), expected.get("generated"));
        assertThat(ours.startsWith(" ") ? ours.substring(1) : ours).as("greedy continuation of %s", CrossCheckFixture.quoted(prompt))
            .isEqualTo(theirs);
      }
    } finally {
      model.close();
      engine.close();
    }
  }
}
