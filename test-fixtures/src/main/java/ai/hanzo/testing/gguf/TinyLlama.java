package ai.hanzo.testing.gguf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A tiny llama-architecture model (2 layers, 64-wide, 4 heads, 256 tokens of context, about 330 tokens of
 * vocabulary, F32 weights, about 0.5 MB) with weights drawn from a seeded generator, written as GGUF. It says
 * nothing sensible, but llama.cpp loads it and generates from it like from any llama model, and the same seed
 * gives the same file, so tests of the engine need no downloaded weights.
 *
 * <p>The vocabulary is SentencePiece-shaped ({@code tokenizer.ggml.model = llama}): {@code <unk>}, {@code <s>},
 * {@code </s>}, the 256 byte tokens {@code <0x00>}..{@code <0xFF>} (llama.cpp looks up {@code <0x0A>} as the newline
 * token and falls back to bytes for text it cannot cover) and printable pieces, {@code ▁} standing for a space.
 * The output rows of the control and byte tokens are zero, so greedy decoding always picks a printable piece: the
 * text a test sees is plain ASCII and generation runs to {@code max_tokens} instead of stopping at a random EOS.
 */
public final class TinyLlama {
  public static final int EMBEDDING = 64;
  public static final int LAYERS = 2;
  public static final int HEADS = 4;
  public static final int FEED_FORWARD = 128;
  public static final int CONTEXT = 256;
  public static final int BOS = 1;
  public static final int EOS = 2;
  private static final int FIRST_PIECE = 3 + 256;
  private static final List<String> WORDS = List.of("the", "and", "hello", "world", "node", "model", "compute",
      "hanzo", "run", "data", "peer", "token", "fast", "slow", "red", "blue", "green", "one", "two", "three");

  private TinyLlama() {
  }

  /**
   * The dimensions of a generated model: {@link #TINY} for tests, larger ones for benchmarks where compute, not
   * overhead, must dominate (same architecture and vocabulary, F32 weights).
   */
  public record Shape(int embedding, int layers, int heads, int feedForward, int context) {
    public static final Shape TINY = new Shape(EMBEDDING, LAYERS, HEADS, FEED_FORWARD, CONTEXT);

    /** How many weights a model of this shape has: what a GGUF reader should count as its parameter count. */
    public long parameterCount() {
      long vocab = vocabulary().size();
      long perLayer = 2L * embedding + 4L * embedding * embedding + 3L * embedding * feedForward;
      return 2 * vocab * embedding + layers * perLayer + embedding;
    }
  }

  /** The vocabulary, in id order. */
  public static List<String> vocabulary() {
    List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
    for (int b = 0; b < 256; b++) {
      tokens.add(String.format("<0x%02X>", b));
    }
    tokens.add("\u2581");
    for (char c = 'a'; c <= 'z'; c++) {
      tokens.add(String.valueOf(c));
      tokens.add("\u2581" + c);
    }
    for (String word : WORDS) {
      tokens.add("\u2581" + word);
    }
    return tokens;
  }

  /** Writes {@code tiny-llama-<seed>.gguf} into {@code dir} and prints the seed, so a failure can be replayed. */
  public static Path write(Path dir, long seed) throws IOException {
    return write(dir, seed, Shape.TINY);
  }

  /** Writes a model of {@code shape} as {@code tiny-llama-<seed>.gguf} (the shape's size added unless TINY). */
  public static Path write(Path dir, long seed, Shape shape) throws IOException {
    Path file = dir.resolve("tiny-llama-" + seed + (shape.equals(Shape.TINY) ? "" : "-" + shape.layers() + "x"
        + shape.embedding()) + ".gguf");
    writer(seed, shape).write(file);
    System.out.println("TinyLlama: wrote " + file + " from seed " + seed);
    return file;
  }

  /** The complete model as a writer; tests of readers may add to it or write it to bytes. */
  public static GgufWriter writer(long seed) {
    return writer(seed, Shape.TINY);
  }

  /** A model of {@code shape} as a writer. */
  public static GgufWriter writer(long seed, Shape shape) {
    int embedding = shape.embedding();
    int feedForward = shape.feedForward();
    List<String> tokens = vocabulary();
    int vocab = tokens.size();
    float[] scores = new float[vocab];
    int[] types = new int[vocab];
    for (int i = 0; i < vocab; i++) {
      // 1 normal, 2 unknown, 3 control, 6 byte: llama.cpp's llama_token_type numbers
      types[i] = i == 0 ? 2 : i < 3 ? 3 : i < FIRST_PIECE ? 6 : 1;
      // SentencePiece merges prefer higher scores: longer pieces score higher, so words win over letters
      scores[i] = i < FIRST_PIECE ? 0f : tokens.get(i).length() - 10f;
    }
    GgufWriter w = new GgufWriter()
        .string("general.architecture", "llama")
        .string("general.name", "tiny-llama-test")
        .uint32("general.file_type", 0)
        .uint32("llama.context_length", shape.context())
        .uint32("llama.embedding_length", embedding)
        .uint32("llama.block_count", shape.layers())
        .uint32("llama.feed_forward_length", feedForward)
        .uint32("llama.attention.head_count", shape.heads())
        .uint32("llama.attention.head_count_kv", shape.heads())
        .uint32("llama.rope.dimension_count", embedding / shape.heads())
        .float32("llama.rope.freq_base", 10000f)
        .float32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
        .uint32("llama.vocab_size", vocab)
        .string("tokenizer.ggml.model", "llama")
        .strings("tokenizer.ggml.tokens", tokens)
        .floats("tokenizer.ggml.scores", scores)
        .int32s("tokenizer.ggml.token_type", types)
        .uint32("tokenizer.ggml.unknown_token_id", 0)
        .uint32("tokenizer.ggml.bos_token_id", BOS)
        .uint32("tokenizer.ggml.eos_token_id", EOS)
        .bool("tokenizer.ggml.add_bos_token", true)
        .bool("tokenizer.ggml.add_eos_token", false);
    Random random = new Random(seed);
    w.f32Tensor("token_embd.weight", gaussian(random, embedding * vocab, 0.5f), embedding, vocab);
    for (int layer = 0; layer < shape.layers(); layer++) {
      String p = "blk." + layer + ".";
      w.f32Tensor(p + "attn_norm.weight", ones(embedding), embedding);
      w.f32Tensor(p + "attn_q.weight", gaussian(random, embedding * embedding, 0.1f), embedding, embedding);
      w.f32Tensor(p + "attn_k.weight", gaussian(random, embedding * embedding, 0.1f), embedding, embedding);
      w.f32Tensor(p + "attn_v.weight", gaussian(random, embedding * embedding, 0.1f), embedding, embedding);
      w.f32Tensor(p + "attn_output.weight", gaussian(random, embedding * embedding, 0.1f), embedding, embedding);
      w.f32Tensor(p + "ffn_norm.weight", ones(embedding), embedding);
      w.f32Tensor(p + "ffn_gate.weight", gaussian(random, embedding * feedForward, 0.1f), embedding, feedForward);
      w.f32Tensor(p + "ffn_up.weight", gaussian(random, embedding * feedForward, 0.1f), embedding, feedForward);
      w.f32Tensor(p + "ffn_down.weight", gaussian(random, feedForward * embedding, 0.1f), feedForward, embedding);
    }
    w.f32Tensor("output_norm.weight", ones(embedding), embedding);
    float[] output = gaussian(random, embedding * vocab, 1f);
    for (int token = 0; token < FIRST_PIECE; token++) {
      for (int i = 0; i < embedding; i++) {
        output[token * embedding + i] = 0f;
      }
    }
    w.f32Tensor("output.weight", output, embedding, vocab);
    return w;
  }

  /** How many weights {@link #writer} writes: what a GGUF reader should count as the parameter count. */
  public static long parameterCount() {
    return Shape.TINY.parameterCount();
  }

  private static float[] gaussian(Random random, int count, float scale) {
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = (float) random.nextGaussian() * scale;
    }
    return values;
  }

  private static float[] ones(int count) {
    float[] values = new float[count];
    java.util.Arrays.fill(values, 1f);
    return values;
  }
}
