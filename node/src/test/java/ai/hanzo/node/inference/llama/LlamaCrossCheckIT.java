package ai.hanzo.node.inference.llama;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.LoadedModel;
import ai.hanzo.testing.NpmProject;
import ai.hanzo.testing.gguf.TinyLlama;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
  // A fixed model by default: two llama.cpp builds round differently, and a random model's logits have near ties
  // that rounding alone can turn into different greedy picks (a random seed once did, in a full local run). The
  // check is of tokenization and sampling, not of rounding, so it runs on a model known to have no such tie; any
  // other seed can be tried with -Dhanzo.test.seed.
  private static final long SEED = Long.getLong("hanzo.test.seed", 347_509_067_695L);
  private static final int MAX_TOKENS = 16;
  private static final NpmProject REFERENCE = NpmProject.nearest("interop/llama-crosscheck", "package-lock.json",
      "the llama.cpp cross-check");
  private static final List<String> WORDS = List.of("the", "and", "hello", "world", "node", "model", "compute",
      "hanzo", "run", "data", "peer", "token", "fast", "slow", "red", "blue", "green", "one", "two", "three");

  @TempDir Path dir;

  @Test
  void tokenizationAndGreedyContinuationsMatchNodeLlamaCpp() throws Exception {
    Optional<String> skip = REFERENCE.whySkip();
    Assumptions.assumeTrue(skip.isEmpty(), () -> skip.orElse(""));
    System.out.println("LlamaCrossCheckIT seed " + SEED + " (-Dhanzo.test.seed=" + SEED + " repeats it)");
    Path file = TinyLlama.write(dir, SEED);
    List<String> prompts = prompts(new Random(SEED));

    JsonNode reference = reference(file, prompts);
    System.out.println("reference: " + reference.get("engine").asText() + " " + reference.get("release"));

    LlamaEngine engine = new LlamaEngine(1, 4);
    LoadedModel model = engine.load("cross", file, new LoadOptions(0, 1));
    try {
      for (int i = 0; i < prompts.size(); i++) {
        String prompt = prompts.get(i);
        JsonNode expected = reference.get("results").get(i);
        int[] theirTokens = new int[expected.get("tokens").size()];
        for (int t = 0; t < theirTokens.length; t++) {
          theirTokens[t] = expected.get("tokens").get(t).asInt();
        }
        assertThat(model.tokenize(prompt)).as("tokens of %s", quoted(prompt)).containsExactly(theirTokens);
        String ours = model.generate(prompt, new GenerationParams(MAX_TOKENS, 0, 1, List.of(), 0), text -> { },
            new Cancellation()).get(120, TimeUnit.SECONDS).text();
        String theirs = expected.get("completion").asText();
        System.out.printf("greedy continuation of %s: node %s, node-llama-cpp %s (tokens %s)%n", quoted(prompt),
            quoted(ours), quoted(theirs), expected.get("generated"));
        assertThat(ours.startsWith(" ") ? ours.substring(1) : ours).as("greedy continuation of %s", quoted(prompt))
            .isEqualTo(theirs);
      }
    } finally {
      model.close();
      engine.close();
    }
  }

  /** Fixed prompts that stress the tokenizer, then sentences of the model's words drawn from {@code random}. */
  private static List<String> prompts(Random random) {
    List<String> prompts = new ArrayList<>(List.of("hello world", "the node runs fast", "Hanzo compute: 1, 2, 3.",
        "  two  spaces\tand a tab\nand a newline", "caf\u00e9 \u2713 \u4e16\u754c"));
    for (int p = 0; p < 5; p++) {
      StringBuilder sentence = new StringBuilder();
      for (int w = 0, n = 2 + random.nextInt(8); w < n; w++) {
        sentence.append(w == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
      }
      prompts.add(sentence.toString());
    }
    return prompts;
  }

  private JsonNode reference(Path file, List<String> prompts) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode input = json.createObjectNode().put("model", file.toString()).put("maxTokens", MAX_TOKENS);
    prompts.forEach(input.putArray("prompts")::add);
    Path in = dir.resolve("crosscheck-in.json");
    Path out = dir.resolve("crosscheck-out.json");
    Files.writeString(in, json.writeValueAsString(input));
    Process node = new ProcessBuilder("node", "crosscheck.mjs").directory(REFERENCE.installed().toFile())
        .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try {
      assertThat(node.waitFor(5, TimeUnit.MINUTES)).as("node-llama-cpp finished").isTrue();
    } finally {
      node.destroyForcibly();
    }
    assertThat(node.exitValue()).as(Files.readString(out)).isZero();
    return json.readTree(Files.readString(out).lines().reduce((a, b) -> b).orElse("{}"));
  }

  private static String quoted(String prompt) {
    return Arrays.toString(new String[] {prompt});
  }
}
