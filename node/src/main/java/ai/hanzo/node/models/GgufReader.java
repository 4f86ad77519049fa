package ai.hanzo.node.models;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the header of a GGUF file (versions 2 and 3, little-endian): metadata and tensor infos, never the weights.
 * Every count and length is checked against what is left of the file before anything is allocated or skipped, and
 * against fixed limits, so a broken or hostile file ends in a {@link GgufFormatException} naming the problem, never
 * in an OutOfMemoryError or a long loop. Blocking file I/O: call it off the event loop.
 */
public final class GgufReader {
  static final int MAX_TENSORS = 65_536;
  static final int MAX_KEYS = 65_536;
  /** Longer than any tensor name ggml accepts (63 bytes) and any metadata key seen in practice. */
  static final int MAX_NAME_BYTES = 1024;
  /** Chat templates are the longest strings in real files, a few tens of KiB. */
  static final int MAX_STRING_BYTES = 1 << 20;
  /** The largest vocabularies and merge lists are a few hundred thousand entries. */
  static final long MAX_ARRAY_LENGTH = 1L << 24;
  /** All retained metadata strings together; what the reader holds in memory besides the tensor infos. */
  static final long MAX_RETAINED_BYTES = 16L << 20;
  static final int MAX_DIMENSIONS = 4;
  private static final int MAX_ALIGNMENT = 1 << 16;
  private static final String[] VALUE_TYPES = {"uint8", "int8", "uint16", "int16", "uint32", "int32", "float32",
      "bool", "string", "array", "uint64", "int64", "float64"};
  /** The fewest bytes one element of each type takes (a string its length, an array its type and length). */
  private static final int[] VALUE_SIZES = {1, 1, 2, 2, 4, 4, 4, 1, 8, 12, 8, 8, 8};
  private static final int STRING = 8;
  private static final int ARRAY = 9;

  private final Input in;
  private long retained;

  private GgufReader(InputStream stream, long size) {
    this.in = new Input(stream, size);
  }

  /** Reads the header of {@code file}. */
  public static GgufFile read(Path file) throws IOException {
    long size = Files.size(file);
    try (InputStream stream = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(stream, size);
    }
  }

  /** Reads a header from {@code stream}, which holds a file of {@code size} bytes. */
  public static GgufFile read(InputStream stream, long size) throws IOException {
    return new GgufReader(stream, size).file();
  }

  private GgufFile file() throws IOException {
    if (in.size < 4 || in.u32() != 0x46554747L) {
      throw new GgufFormatException("not a GGUF file (no GGUF magic at the start)");
    }
    long version = in.u32();
    if (version != 2 && version != 3) {
      throw new GgufFormatException("unsupported GGUF version " + version + " (versions 2 and 3 are read)");
    }
    long tensorCount = in.count("tensor count", MAX_TENSORS);
    long keyCount = in.count("metadata key count", MAX_KEYS);
    Map<String, Object> metadata = new HashMap<>();
    for (long i = 0; i < keyCount; i++) {
      String key = in.string("metadata key " + i, MAX_NAME_BYTES);
      if (metadata.containsKey(key)) {
        throw new GgufFormatException("metadata key '" + key + "' appears twice");
      }
      metadata.put(key, value(key, in.u32(), false));
    }
    int alignment = alignment(metadata.get("general.alignment"));
    List<PendingTensor> pending = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (long i = 0; i < tensorCount; i++) {
      PendingTensor tensor = tensorInfo(i, alignment);
      if (!names.add(tensor.name)) {
        throw new GgufFormatException("tensor '" + tensor.name + "' appears twice");
      }
      pending.add(tensor);
    }
    long dataOffset = (in.position + alignment - 1) / alignment * alignment;
    List<TensorInfo> tensors = new ArrayList<>(pending.size());
    long expectedOffset = 0;
    for (PendingTensor t : pending) {
      // As llama.cpp requires: each tensor's data follows the previous one's, padded to the alignment, so tensors
      // never overlap and together never claim more than the file holds.
      if (t.offset != expectedOffset) {
        throw new GgufFormatException("tensor '" + t.name + "' has offset " + t.offset + ", expected "
            + expectedOffset);
      }
      if (t.offset > in.size || dataOffset + t.offset > in.size - t.bytes) {
        throw new GgufFormatException("tensor '" + t.name + "': its " + t.bytes + " bytes at offset " + t.offset
            + " end past the end of the file (" + in.size + " bytes): the file is truncated");
      }
      tensors.add(new TensorInfo(t.name, t.type, t.dimensions, t.offset, t.bytes));
      expectedOffset = (t.offset + t.bytes + alignment - 1) / alignment * alignment;
    }
    return new GgufFile((int) version, metadata, tensors, dataOffset, in.size);
  }

  private record PendingTensor(String name, TensorType type, List<Long> dimensions, long offset, long bytes) {
  }

  private PendingTensor tensorInfo(long index, int alignment) throws IOException {
    String name = in.string("name of tensor " + index, MAX_NAME_BYTES);
    long dimensionCount = in.u32();
    if (dimensionCount < 1 || dimensionCount > MAX_DIMENSIONS) {
      throw new GgufFormatException("tensor '" + name + "' has " + dimensionCount + " dimensions (1 to "
          + MAX_DIMENSIONS + " allowed)");
    }
    List<Long> dimensions = new ArrayList<>();
    long elements = 1;
    for (int d = 0; d < dimensionCount; d++) {
      long extent = in.u64();
      if (extent < 1 || extent > (1L << 40)) {
        throw new GgufFormatException("tensor '" + name + "': dimension " + d + " is " + Long.toUnsignedString(extent));
      }
      if (elements > (1L << 52) / extent) {
        throw new GgufFormatException("tensor '" + name + "' has too many elements");
      }
      elements *= extent;
      dimensions.add(extent);
    }
    long typeId = in.u32();
    TensorType type = TensorType.byId(typeId);
    if (type == null) {
      throw new GgufFormatException("tensor '" + name + "' has unknown ggml type " + typeId);
    }
    if (dimensions.get(0) % type.blockSize() != 0) {
      throw new GgufFormatException("tensor '" + name + "': its first dimension " + dimensions.get(0)
          + " is not a multiple of " + type + "'s block size " + type.blockSize());
    }
    long offset = in.u64();
    if (offset < 0 || offset % alignment != 0) {
      throw new GgufFormatException("tensor '" + name + "': offset " + Long.toUnsignedString(offset)
          + " is not a multiple of the alignment " + alignment);
    }
    return new PendingTensor(name, type, dimensions, offset, type.bytes(elements));
  }

  private static int alignment(Object value) {
    if (value == null) {
      return 32;
    }
    if (!(value instanceof Long a) || a < 1 || a > MAX_ALIGNMENT || Long.bitCount(a) != 1) {
      throw new GgufFormatException("general.alignment must be a power of two up to " + MAX_ALIGNMENT + ", not "
          + value);
    }
    return (int) (long) a;
  }

  /** One value of type {@code type}; inside an array only its size is checked and it is skipped. */
  private Object value(String key, long type, boolean inArray) throws IOException {
    switch ((int) Math.min(type, Integer.MAX_VALUE)) {
      case 0: return (long) in.u8();
      case 1: return (long) (byte) in.u8();
      case 2: return (long) in.u16();
      case 3: return (long) (short) in.u16();
      case 4: return in.u32();
      case 5: return (long) (int) in.u32();
      case 6: return (double) Float.intBitsToFloat((int) in.u32());
      case 7: return bool(key, in.u8());
      case 8: return inArray ? in.skipString(key, MAX_STRING_BYTES) : retain(in.string(key, MAX_STRING_BYTES));
      case 9: return array(key, inArray);
      case 10: return unsigned64(key, in.u64());
      case 11: return in.u64();
      case 12: return Double.longBitsToDouble(in.u64());
      default: throw new GgufFormatException("'" + key + "' has unknown value type " + type);
    }
  }

  private GgufArray array(String key, boolean nested) throws IOException {
    if (nested) {
      throw new GgufFormatException("'" + key + "' nests an array in an array");
    }
    long elementType = in.u32();
    if (elementType >= VALUE_TYPES.length || elementType == ARRAY) {
      throw new GgufFormatException("'" + key + "' is an array of unknown or nested type " + elementType);
    }
    long length = in.u64();
    int minSize = VALUE_SIZES[(int) elementType];
    if (length < 0 || length > MAX_ARRAY_LENGTH) {
      throw new GgufFormatException("'" + key + "' claims " + Long.toUnsignedString(length) + " elements, over the"
          + " limit of " + MAX_ARRAY_LENGTH);
    }
    if (length > in.remaining() / minSize) {
      throw new GgufFormatException("truncated GGUF file: '" + key + "' claims " + length + " elements, more than"
          + " the remaining " + in.remaining() + " bytes hold");
    }
    if (elementType == STRING) {
      for (long i = 0; i < length; i++) {
        in.skipString(key, MAX_STRING_BYTES);
      }
    } else {
      in.skip(key, length * minSize);
    }
    return new GgufArray(VALUE_TYPES[(int) elementType], length);
  }

  private static Boolean bool(String key, int b) {
    if (b > 1) {
      throw new GgufFormatException("'" + key + "' is a bool of value " + b);
    }
    return b == 1;
  }

  private static Long unsigned64(String key, long v) {
    if (v < 0) {
      throw new GgufFormatException("'" + key + "' is " + Long.toUnsignedString(v) + ", beyond what the node reads");
    }
    return v;
  }

  private String retain(String s) {
    retained += s.length();
    if (retained > MAX_RETAINED_BYTES) {
      throw new GgufFormatException("metadata strings exceed " + MAX_RETAINED_BYTES + " bytes");
    }
    return s;
  }

  /** Little-endian reads that know the file's size and never read or skip past it. */
  private static final class Input {
    private final InputStream stream;
    private final long size;
    private long position;

    Input(InputStream stream, long size) {
      this.stream = stream;
      this.size = size;
    }

    long remaining() {
      return size - position;
    }

    int u8() throws IOException {
      need(1, "a byte");
      int b = stream.read();
      if (b < 0) {
        throw truncated();
      }
      position++;
      return b;
    }

    int u16() throws IOException {
      return u8() | u8() << 8;
    }

    long u32() throws IOException {
      return (u16() | (long) u16() << 16) & 0xFFFFFFFFL;
    }

    long u64() throws IOException {
      return u32() | u32() << 32;
    }

    long count(String what, long max) throws IOException {
      long n = u64();
      if (n < 0 || n > max) {
        throw new GgufFormatException(what + " " + Long.toUnsignedString(n) + " is beyond the limit " + max);
      }
      return n;
    }

    String string(String what, int maxBytes) throws IOException {
      int length = stringLength(what, maxBytes);
      byte[] bytes = read(length);
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        throw new GgufFormatException(what + " is not UTF-8");
      }
    }

    Object skipString(String what, int maxBytes) throws IOException {
      skip(what, stringLength(what, maxBytes));
      return null;
    }

    private int stringLength(String what, int maxBytes) throws IOException {
      long length = u64();
      if (length < 0 || length > maxBytes) {
        throw new GgufFormatException(what + ": a string of " + Long.toUnsignedString(length)
            + " bytes, over the limit of " + maxBytes);
      }
      need(length, "a string of " + length + " bytes");
      return (int) length;
    }

    private byte[] read(int length) throws IOException {
      try {
        byte[] bytes = stream.readNBytes(length);
        if (bytes.length != length) {
          throw truncated();
        }
        position += length;
        return bytes;
      } catch (EOFException e) {
        throw truncated();
      }
    }

    void skip(String what, long bytes) throws IOException {
      need(bytes, what);
      try {
        stream.skipNBytes(bytes);
      } catch (EOFException e) {
        throw truncated();
      }
      position += bytes;
    }

    private void need(long bytes, String what) {
      if (bytes > remaining()) {
        throw new GgufFormatException("truncated GGUF file: " + what + " at byte " + position + " would end past"
            + " the end of the file (" + size + " bytes)");
      }
    }

    private GgufFormatException truncated() {
      return new GgufFormatException("truncated GGUF file: it ends at byte " + position + ", before its stated size "
          + size);
    }
  }
}
