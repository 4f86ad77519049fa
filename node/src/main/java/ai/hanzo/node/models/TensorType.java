package ai.hanzo.node.models;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ggml tensor types a GGUF file may declare, by their numbers in ggml.h, with the block each is stored in
 * (elements per block, bytes per block): what the reader needs to check that a tensor's data fits in the file.
 * Numbers ggml retired (4, 5, 31-33, 36-38) are unknown and refused, as llama.cpp refuses them.
 */
public enum TensorType {
  F32(0, 1, 4), F16(1, 1, 2), Q4_0(2, 32, 18), Q4_1(3, 32, 20), Q5_0(6, 32, 22), Q5_1(7, 32, 24),
  Q8_0(8, 32, 34), Q8_1(9, 32, 36), Q2_K(10, 256, 84), Q3_K(11, 256, 110), Q4_K(12, 256, 144),
  Q5_K(13, 256, 176), Q6_K(14, 256, 210), Q8_K(15, 256, 292), IQ2_XXS(16, 256, 66), IQ2_XS(17, 256, 74),
  IQ3_XXS(18, 256, 98), IQ1_S(19, 256, 50), IQ4_NL(20, 32, 18), IQ3_S(21, 256, 110), IQ2_S(22, 256, 82),
  IQ4_XS(23, 256, 136), I8(24, 1, 1), I16(25, 1, 2), I32(26, 1, 4), I64(27, 1, 8), F64(28, 1, 8),
  IQ1_M(29, 256, 56), BF16(30, 1, 2), TQ1_0(34, 256, 54), TQ2_0(35, 256, 66), MXFP4(39, 32, 17);

  private static final Map<Integer, TensorType> BY_ID =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(t -> t.id, Function.identity()));

  private final int id;
  private final int blockSize;
  private final int blockBytes;

  TensorType(int id, int blockSize, int blockBytes) {
    this.id = id;
    this.blockSize = blockSize;
    this.blockBytes = blockBytes;
  }

  /** The type numbered {@code id}, or null when ggml has no such type. */
  static TensorType byId(long id) {
    return id < 0 || id > Integer.MAX_VALUE ? null : BY_ID.get((int) id);
  }

  public int id() {
    return id;
  }

  public int blockSize() {
    return blockSize;
  }

  /** Bytes that {@code elements} elements take; {@code elements} must be a multiple of the block size. */
  long bytes(long elements) {
    return Math.multiplyExact(elements / blockSize, (long) blockBytes);
  }
}
