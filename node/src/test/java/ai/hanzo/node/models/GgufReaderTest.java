package ai.hanzo.node.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.testing.gguf.GgufWriter;
import ai.hanzo.testing.gguf.TinyLlama;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufReaderTest {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);

  @Test
  void theTinyLlamaReadsAsWhatItWasWrittenAs(@TempDir Path dir) throws IOException {
    Path file = TinyLlama.write(dir, SEED);

    ModelInfo info = ModelInfo.inspect(file);

    assertThat(info.architecture()).isEqualTo("llama");
    assertThat(info.name()).isEqualTo("tiny-llama-test");
    assertThat(info.parameterCount()).isEqualTo(TinyLlama.parameterCount());
    assertThat(info.contextLength()).isEqualTo(TinyLlama.CONTEXT);
    assertThat(info.quantization()).isEqualTo("F32");
    assertThat(info.tokenizer()).isEqualTo("llama");
    assertThat(info.vocabularySize()).isEqualTo(TinyLlama.vocabulary().size());
    assertThat(info.embeddingLength()).isEqualTo(TinyLlama.EMBEDDING);
    assertThat(info.blockCount()).isEqualTo(TinyLlama.LAYERS);
    assertThat(info.headCount()).isEqualTo(TinyLlama.HEADS);
    assertThat(info.tensorCount()).isEqualTo(3 + 9 * TinyLlama.LAYERS);
    assertThat(info.fileSize()).isEqualTo(Files.size(file));
  }

  @Test
  void tensorInfosCarryTypeShapeAndAlignedOffsets() throws IOException {
    GgufFile gguf = read(TinyLlama.writer(SEED).toBytes());

    TensorInfo embeddings = gguf.tensors().get(0);
    assertThat(embeddings.name()).isEqualTo("token_embd.weight");
    assertThat(embeddings.type()).isEqualTo(TensorType.F32);
    assertThat(embeddings.dimensions()).containsExactly((long) TinyLlama.EMBEDDING,
        (long) TinyLlama.vocabulary().size());
    assertThat(gguf.dataOffset() % 32).isZero();
    assertThat(gguf.tensors()).allSatisfy(t -> assertThat(t.offset() % 32).isZero());
    assertThat(gguf.array("tokenizer.ggml.tokens")).contains(new GgufArray("string", TinyLlama.vocabulary().size()));
    assertThat(gguf.integer("tokenizer.ggml.eos_token_id")).contains((long) TinyLlama.EOS);
    assertThat(gguf.bool("tokenizer.ggml.add_bos_token")).contains(true);
  }

  @Test
  void withoutAFileTypeTheQuantizationIsTheTypeHoldingMostBytes() throws IOException {
    byte[] q8Block = new byte[34 * 4];
    byte[] bytes = new GgufWriter().string("general.architecture", "llama")
        .f32Tensor("small.weight", new float[32], 32)
        .tensor("big.weight", GgufWriter.GGML_TYPE_Q8_0, new long[] {128}, q8Block)
        .toBytes();

    ModelInfo info = ModelInfo.of(read(bytes));

    assertThat(info.quantization()).isEqualTo("Q8_0");
    assertThat(info.parameterCount()).isEqualTo(32 + 128);
    assertThat(info.contextLength()).isZero();
    assertThat(info.tokenizer()).isEmpty();
  }

  @Test
  void anotherAlignmentIsHonoured() throws IOException {
    GgufFile gguf = read(new GgufWriter().alignment(64).string("general.architecture", "llama")
        .f32Tensor("a", new float[3], 3).f32Tensor("b", new float[5], 5).toBytes());

    assertThat(gguf.dataOffset() % 64).isZero();
    assertThat(gguf.tensors().get(1).offset()).isEqualTo(64);
  }

  @Test
  void aFileThatIsNotGgufIsRefused() {
    assertRefused("hello, world, this is not a model".getBytes(), "not a GGUF file");
    assertRefused(new byte[0], "not a GGUF file");
  }

  @Test
  void otherVersionsAreRefused() {
    assertRefused(new GgufWriter().version(1).toBytes(), "unsupported GGUF version 1");
    assertRefused(new GgufWriter().version(0x03000000).toBytes(), "unsupported GGUF version");
  }

  @Test
  void aTruncatedFileIsRefusedWhereverItEnds() {
    byte[] whole = TinyLlama.writer(SEED).toBytes();
    for (int end : new int[] {6, 20, 100, 3000, whole.length / 2, whole.length - 1}) {
      assertRefused(Arrays.copyOf(whole, end), "truncated");
    }
  }

  @Test
  void absurdCountsAreRefusedBeforeAnythingIsAllocated() {
    assertRefused(header(1L << 40, 0), "tensor count");
    assertRefused(header(0, 1L << 40), "metadata key count");
    assertRefused(header(0, -1), "metadata key count");
  }

  @Test
  void anArrayLongerThanTheFileOrTheLimitIsRefused() {
    assertRefused(stringArray(1000), "claims 1000 elements, more than the remaining 0 bytes");
    assertRefused(stringArray(1L << 33), "claims 8589934592 elements, over the limit");
  }

  private static byte[] stringArray(long length) {
    ByteBuffer b = buffer(header(0, 1), 64);
    putString(b, "tokenizer.ggml.tokens");
    b.putInt(9).putInt(8).putLong(length);
    return Arrays.copyOf(b.array(), b.position());
  }

  @Test
  void aStringLongerThanTheLimitIsRefused() {
    ByteBuffer b = buffer(header(0, 1), 64);
    b.putLong(Long.MAX_VALUE);
    assertRefused(Arrays.copyOf(b.array(), b.position()), "over the limit");
  }

  @Test
  void tensorsOfUnknownTypeOrBadShapeOrOffsetAreRefused() {
    assertRefused(new GgufWriter().tensor("t", 4, new long[] {32}, new byte[32]).toBytes(), "unknown ggml type 4");
    assertRefused(new GgufWriter().tensor("t", GgufWriter.GGML_TYPE_Q8_0, new long[] {16}, new byte[34]).toBytes(),
        "not a multiple of Q8_0's block size 32");
    assertRefused(new GgufWriter().tensor("t", 0, new long[] {0}, new byte[0]).toBytes(), "dimension 0 is 0");
    assertRefused(new GgufWriter().tensor("t", 0, new long[] {1, 1, 1, 1, 1}, new byte[4]).toBytes(),
        "5 dimensions");
    assertRefused(new GgufWriter().f32Tensor("t", new float[1], 1).f32Tensor("t", new float[1], 1).toBytes(),
        "appears twice");
    byte[] bytes = new GgufWriter().f32Tensor("t", new float[8], 8).toBytes();
    // the tensor info's offset is the last field of the header before the padding: 8 bytes after the type
    int offsetAt = indexOf(bytes, "t".getBytes()) + 1 + 4 + 8 + 4;
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(offsetAt, 7);
    assertRefused(bytes, "not a multiple of the alignment");
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(offsetAt, 32);
    assertRefused(bytes, "expected 0");
  }

  @Test
  void badMetadataValuesAreRefused() {
    assertRefused(new GgufWriter().scalar("k", GgufWriter.ValueType.UINT8, 7L).alignment(32)
        .uint32("general.alignment", 48).toBytes(), "power of two");
    assertRefused(new GgufWriter().scalar("b", GgufWriter.ValueType.BOOL, 2L).toBytes(), "bool of value 2");
    ByteBuffer b = buffer(header(0, 1), 64);
    putString(b, "k");
    b.putInt(13);
    assertRefused(Arrays.copyOf(b.array(), b.position()), "unknown value type 13");
    ByteBuffer nested = buffer(header(0, 1), 64);
    putString(nested, "k");
    nested.putInt(9).putInt(9).putLong(1);
    assertRefused(Arrays.copyOf(nested.array(), nested.position()), "nested");
  }

  @Test
  void aModelWithoutArchitectureCannotBeInspected() throws IOException {
    GgufFile gguf = read(new GgufWriter().string("general.name", "x").toBytes());

    assertThatThrownBy(() -> ModelInfo.of(gguf)).isInstanceOf(GgufFormatException.class)
        .hasMessageContaining("general.architecture");
  }

  private static GgufFile read(byte[] bytes) throws IOException {
    return GgufReader.read(new ByteArrayInputStream(bytes), bytes.length);
  }

  private static void assertRefused(byte[] bytes, String message) {
    var thrown = assertThatThrownBy(() -> read(bytes)).isInstanceOf(GgufFormatException.class);
    if (message != null) {
      thrown.hasMessageContaining(message);
    }
  }

  private static byte[] header(long tensors, long keys) {
    ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    b.put("GGUF".getBytes()).putInt(3).putLong(tensors).putLong(keys);
    return b.array();
  }

  private static ByteBuffer buffer(byte[] start, int more) {
    ByteBuffer b = ByteBuffer.allocate(start.length + more).order(ByteOrder.LITTLE_ENDIAN);
    return b.put(start);
  }

  private static void putString(ByteBuffer b, String s) {
    b.putLong(s.length()).put(s.getBytes());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found: " + List.of(needle));
  }
}
