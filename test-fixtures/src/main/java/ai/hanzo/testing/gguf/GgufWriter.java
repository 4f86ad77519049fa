package ai.hanzo.testing.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a GGUF v3 file: the magic, the version, the counts, the metadata key/values in insertion order, the tensor
 * infos, padding to the alignment, then each tensor's data at an aligned offset. Everything is little-endian, as
 * llama.cpp reads it. Tensor data is taken as given (F32 helpers included), so a test can declare any ggml type.
 */
public final class GgufWriter {
  /** GGUF metadata value types, by their numbers in the format. */
  public enum ValueType {
    UINT8, INT8, UINT16, INT16, UINT32, INT32, FLOAT32, BOOL, STRING, ARRAY, UINT64, INT64, FLOAT64
  }

  /** ggml tensor types this writer names; {@link #tensor(String, int, long[], byte[])} takes any number. */
  public static final int GGML_TYPE_F32 = 0;
  public static final int GGML_TYPE_F16 = 1;
  public static final int GGML_TYPE_Q8_0 = 8;

  private record Value(ValueType type, Object value, ValueType elementType) {
  }

  private record Tensor(String name, int type, long[] dims, byte[] data) {
  }

  private final Map<String, Value> metadata = new LinkedHashMap<>();
  private final List<Tensor> tensors = new ArrayList<>();
  private int alignment = 32;
  private int version = 3;

  public GgufWriter string(String key, String value) {
    return put(key, new Value(ValueType.STRING, value, null));
  }

  public GgufWriter uint32(String key, long value) {
    return put(key, new Value(ValueType.UINT32, value, null));
  }

  public GgufWriter int32(String key, int value) {
    return put(key, new Value(ValueType.INT32, (long) value, null));
  }

  public GgufWriter uint64(String key, long value) {
    return put(key, new Value(ValueType.UINT64, value, null));
  }

  public GgufWriter float32(String key, float value) {
    return put(key, new Value(ValueType.FLOAT32, value, null));
  }

  public GgufWriter bool(String key, boolean value) {
    return put(key, new Value(ValueType.BOOL, value, null));
  }

  /** A scalar of any type; {@code value} is a Long for the integer types, Float/Double, Boolean or String. */
  public GgufWriter scalar(String key, ValueType type, Object value) {
    return put(key, new Value(type, value, null));
  }

  public GgufWriter strings(String key, List<String> values) {
    return put(key, new Value(ValueType.ARRAY, List.copyOf(values), ValueType.STRING));
  }

  public GgufWriter floats(String key, float[] values) {
    List<Object> list = new ArrayList<>(values.length);
    for (float v : values) {
      list.add(v);
    }
    return put(key, new Value(ValueType.ARRAY, list, ValueType.FLOAT32));
  }

  public GgufWriter int32s(String key, int[] values) {
    List<Object> list = new ArrayList<>(values.length);
    for (int v : values) {
      list.add((long) v);
    }
    return put(key, new Value(ValueType.ARRAY, list, ValueType.INT32));
  }

  /** Overrides the alignment (also written as {@code general.alignment} when not 32). */
  public GgufWriter alignment(int bytes) {
    this.alignment = bytes;
    if (bytes != 32) {
      uint32("general.alignment", bytes);
    }
    return this;
  }

  /** Writes another version number in the header; only for tests of readers that must refuse it. */
  public GgufWriter version(int version) {
    this.version = version;
    return this;
  }

  /** An F32 tensor; {@code dims} innermost first, as ggml's {@code ne}. */
  public GgufWriter f32Tensor(String name, float[] data, long... dims) {
    ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : data) {
      buf.putFloat(f);
    }
    long elements = 1;
    for (long d : dims) {
      elements *= d;
    }
    if (elements != data.length) {
      throw new IllegalArgumentException(name + ": " + data.length + " values for " + elements + " elements");
    }
    return tensor(name, GGML_TYPE_F32, dims, buf.array());
  }

  /**
   * An F16 tensor from F32 values (rounded to nearest, ties to even); {@code dims} innermost first. Half the bytes
   * of F32, which is what a benchmark model needs so that memory traffic per token looks like a served model's.
   */
  public GgufWriter f16Tensor(String name, float[] data, long... dims) {
    ByteBuffer buf = ByteBuffer.allocate(data.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : data) {
      buf.putShort(toHalf(f));
    }
    long elements = 1;
    for (long d : dims) {
      elements *= d;
    }
    if (elements != data.length) {
      throw new IllegalArgumentException(name + ": " + data.length + " values for " + elements + " elements");
    }
    return tensor(name, GGML_TYPE_F16, dims, buf.array());
  }

  /**
   * IEEE 754 binary16 bits of {@code value}, rounded to nearest with ties to even, as ggml's own conversion does.
   * Written out because the fixtures compile for Java 17, which has no {@code Float.floatToFloat16}.
   */
  static short toHalf(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int biased = (bits >>> 23) & 0xff;
    int mantissa = bits & 0x7fffff;
    if (biased == 0xff) {
      return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));
    }
    int exponent = biased - 127 + 15;
    if (exponent >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (exponent <= 0) {
      if (exponent < -10) {
        return (short) sign;
      }
      // a subnormal half: the implicit leading bit joins the mantissa, shifted to a unit of 2^-24
      return (short) (sign | roundShift(mantissa | 0x800000, 14 - exponent));
    }
    // a carry out of the mantissa moves into the exponent, which is the right result (up to infinity)
    return (short) (sign | ((exponent << 10) + roundShift(mantissa, 13)));
  }

  private static int roundShift(int value, int shift) {
    int kept = value >>> shift;
    int rest = value & ((1 << shift) - 1);
    int halfway = 1 << (shift - 1);
    return rest > halfway || (rest == halfway && (kept & 1) == 1) ? kept + 1 : kept;
  }

  /** A tensor of any ggml type with its raw data. */
  public GgufWriter tensor(String name, int ggmlType, long[] dims, byte[] data) {
    tensors.add(new Tensor(name, ggmlType, dims.clone(), data.clone()));
    return this;
  }

  public void write(Path file) throws IOException {
    Files.write(file, toBytes());
  }

  public byte[] toBytes() {
    Out out = new Out();
    out.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
    out.u32(version);
    out.u64(tensors.size());
    out.u64(metadata.size());
    metadata.forEach((key, value) -> {
      out.string(key);
      out.u32(value.type().ordinal());
      writeValue(out, value.type(), value.value(), value.elementType());
    });
    long offset = 0;
    for (Tensor t : tensors) {
      out.string(t.name());
      out.u32(t.dims().length);
      for (long d : t.dims()) {
        out.u64(d);
      }
      out.u32(t.type());
      out.u64(offset);
      offset = align(offset + t.data().length);
    }
    out.padTo(alignment);
    for (Tensor t : tensors) {
      out.bytes(t.data());
      out.padTo(alignment);
    }
    return out.toByteArray();
  }

  private GgufWriter put(String key, Value value) {
    metadata.put(key, value);
    return this;
  }

  private long align(long offset) {
    return (offset + alignment - 1) / alignment * alignment;
  }

  private static void writeValue(Out out, ValueType type, Object value, ValueType elementType) {
    switch (type) {
      case UINT8, INT8, BOOL -> out.u8(value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).intValue());
      case UINT16, INT16 -> out.u16(((Number) value).intValue());
      case UINT32, INT32 -> out.u32(((Number) value).longValue());
      case UINT64, INT64 -> out.u64(((Number) value).longValue());
      case FLOAT32 -> out.u32(Float.floatToRawIntBits(((Number) value).floatValue()) & 0xFFFFFFFFL);
      case FLOAT64 -> out.u64(Double.doubleToRawLongBits(((Number) value).doubleValue()));
      case STRING -> out.string((String) value);
      case ARRAY -> {
        List<?> list = (List<?>) value;
        out.u32(elementType.ordinal());
        out.u64(list.size());
        for (Object element : list) {
          writeValue(out, elementType, element, null);
        }
      }
      default -> throw new IllegalStateException("unknown type " + type);
    }
  }

  /** A little-endian byte sink. */
  private static final class Out extends ByteArrayOutputStream {
    void u8(int v) {
      write(v & 0xFF);
    }

    void u16(int v) {
      u8(v);
      u8(v >>> 8);
    }

    void u32(long v) {
      for (int i = 0; i < 4; i++) {
        u8((int) (v >>> (8 * i)));
      }
    }

    void u64(long v) {
      for (int i = 0; i < 8; i++) {
        u8((int) (v >>> (8 * i)));
      }
    }

    void bytes(byte[] b) {
      write(b, 0, b.length);
    }

    void string(String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      u64(utf8.length);
      bytes(utf8);
    }

    void padTo(int alignment) {
      while (size() % alignment != 0) {
        u8(0);
      }
    }
  }
}
