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
   * overhead, must dominate (same architecture). {@code vocabulary} is the number of tokens wanted: at most the
   * base vocabulary's ~330 gives exactly that one (every test's), more adds letter pieces until it is reached (a
   * served model's output layer is tens of thousands of rows, and its cost per token is part of what a benchmark
   * measures). {@code f16} writes the matrices as F16 instead of F32 (norms stay F32, as in converted models).
   */
  public record Shape(int embedding, int layers, int heads, int feedForward, int context, int vocabulary,
      boolean f16) {
    public static final Shape TINY = new Shape(EMBEDDING, LAYERS, HEADS, FEED_FORWARD, CONTEXT);

    /** The base vocabulary and F32 weights. */
    public Shape(int embedding, int layers, int heads, int feedForward, int context) {
      this(embedding, layers, heads, feedForward, context, 0, false);
    }

    /** This shape with a vocabulary of {@code tokens} tokens (see the record's description). */
    public Shape withVocabulary(int tokens) {
      return new Shape(embedding, layers, heads, feedForward, context, tokens, f16);
    }

    /** This shape with F16 matrices. */
    public Shape inF16() {
      return new Shape(embedding, layers, heads, feedForward, context, vocabulary, true);
    }

    /** How many weights a model of this shape has: what a GGUF reader should count as its parameter count. */
    public long parameterCount() {
      long vocab = TinyLlama.vocabulary(vocabulary).size();
      long perLayer = 2L * embedding + 4L * embedding * embedding + 3L * embedding * feedForward;
      return 2 * vocab * embedding + layers * perLayer + embedding;
    }
  }

  /**
   * The vocabulary of at least {@code size} tokens, in id order: the base one, then pieces of two, three, ...
   * letters, each with and without a leading {@code ▁}, until {@code size} is reached. Longer pieces score higher,
   * so the base vocabulary's words still tokenize as one piece.
   */
  public static List<String> vocabulary(int size) {
    List<String> tokens = vocabulary();
    java.util.Set<String> known = new java.util.HashSet<>(tokens);
    for (int length = 2; tokens.size() < size; length++) {
      char[] letters = new char[length];
      java.util.Arrays.fill(letters, 'a');
      do {
        for (String piece : List.of("\u2581" + new String(letters), new String(letters))) {
          if (tokens.size() < size && known.add(piece)) {
            tokens.add(piece);
          }
        }
      } while (tokens.size() < size && next(letters));
    }
    return tokens;
  }

  /** The next combination of letters, in the order of an odometer; false after the last ({@code zz...z}). */
  private static boolean next(char[] letters) {
    for (int i = letters.length - 1; i >= 0; i--) {
      if (letters[i] < 'z') {
        letters[i]++;
        return true;
      }
      letters[i] = 'a';
    }
    return false;
  }

  /** The base vocabulary, in id order. */
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
    Path file = dir.resolve(fileName(seed, shape));
    writer(seed, shape).write(file);
    System.out.println("TinyLlama: wrote " + file + " from seed " + seed);
    return file;
  }

  /**
   * The model of {@code shape} in {@code cacheDir}, written there first unless an earlier run did: a benchmark's
   * 100M-parameter model takes a minute to generate, and the same seed and shape always give the same bytes. The
   * file is written under a temporary name and moved into place, so an interrupted run leaves no half file behind.
   */
  public static Path cached(Path cacheDir, long seed, Shape shape) throws IOException {
    Path file = cacheDir.resolve(fileName(seed, shape));
    if (java.nio.file.Files.isRegularFile(file)) {
      System.out.println("TinyLlama: reusing " + file + " (seed " + seed + ")");
      return file;
    }
    java.nio.file.Files.createDirectories(cacheDir);
    Path partial = java.nio.file.Files.createTempFile(cacheDir, fileName(seed, shape), ".partial");
    try {
      writer(seed, shape).write(partial);
      java.nio.file.Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      java.nio.file.Files.deleteIfExists(partial);
    }
    System.out.println("TinyLlama: wrote " + file + " from seed " + seed);
    return file;
  }

  /** {@code tiny-llama-<seed>.gguf}, with the shape added for shapes other than TINY (it names the cached file). */
  static String fileName(long seed, Shape shape) {
    if (shape.equals(Shape.TINY)) {
      return "tiny-llama-" + seed + ".gguf";
    }
    return "tiny-llama-" + seed + "-" + shape.layers() + "x" + shape.embedding()
        + (shape.feedForward() != shape.embedding() * 8 / 3 ? "-ffn" + shape.feedForward() : "")
        + (shape.vocabulary() > 0 ? "-v" + shape.vocabulary() : "") + "-ctx" + shape.context() + (shape.f16() ? "-f16" : "") + ".gguf";
  }

  /** The complete model as a writer; tests of readers may add to it or write it to bytes. */
  public static GgufWriter writer(long seed) {
    return writer(seed, Shape.TINY);
  }

  /** A model of {@code shape} as a writer. */
  public static GgufWriter writer(long seed, Shape shape) {
    int embedding = shape.embedding();
    int feedForward = shape.feedForward();
    List<String> tokens = vocabulary(shape.vocabulary());
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
        .uint32("general.file_type", shape.f16() ? 1 : 0) // llama.cpp's ALL_F32 / MOSTLY_F16
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
    // the same random draws in the same order either way: an F16 model is its F32 twin rounded
    Matrices matrix = new Matrices(w, shape.f16());
    matrix.add("token_embd.weight", gaussian(random, embedding * vocab, 0.5f), embedding, vocab);
    for (int layer = 0; layer < shape.layers(); layer++) {
      String p = "blk." + layer + ".";
      w.f32Tensor(p + "attn_norm.weight", ones(embedding), embedding);
      matrix.add(p + "attn_q.weight", gaussian(random, embedding * embedding, 0.1f), embedding, embedding);
      matrix.add(p + "attn_k.weight", gaussian(random, embedding * embedding, 0.1f), embedding, embedding);
      matrix.add(p + "attn_v.weight", gaussian(random, embedding * embedding, 0.1f), embedding, embedding);
      matrix.add(p + "attn_output.weight", gaussian(random, embedding * embedding, 0.1f), embedding, embedding);
      w.f32Tensor(p + "ffn_norm.weight", ones(embedding), embedding);
      matrix.add(p + "ffn_gate.weight", gaussian(random, embedding * feedForward, 0.1f), embedding, feedForward);
      matrix.add(p + "ffn_up.weight", gaussian(random, embedding * feedForward, 0.1f), embedding, feedForward);
      matrix.add(p + "ffn_down.weight", gaussian(random, feedForward * embedding, 0.1f), feedForward, embedding);
    }
    w.f32Tensor("output_norm.weight", ones(embedding), embedding);
    float[] output = gaussian(random, embedding * vocab, 1f);
    for (int token = 0; token < FIRST_PIECE; token++) {
      for (int i = 0; i < embedding; i++) {
        output[token * embedding + i] = 0f;
      }
    }
    matrix.add("output.weight", output, embedding, vocab);
    return w;
  }

  /** How many weights {@link #writer} writes: what a GGUF reader should count as the parameter count. */
  public static long parameterCount() {
    return Shape.TINY.parameterCount();
  }

  /** Writes the two-dimensional tensors in the shape's type. */
  private record Matrices(GgufWriter writer, boolean f16) {
    void add(String name, float[] data, long... dims) {
      if (f16) {
        writer.f16Tensor(name, data, dims);
      } else {
        writer.f32Tensor(name, data, dims);
      }
    }
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
