package ai.hanzo.node.qos;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one byte encoding that signatures cover and proofs are exported in: big-endian fixed-width integers and
 * 32-bit-length-prefixed byte strings, in a fixed field order after a domain tag, so one value has exactly one
 * encoding and a signature over a challenge can never be passed off as one over a proof.
 */
final class Canonical {
  private Canonical() {}

  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    Writer bytes(byte[] value) {
      int32(value.length);
      out.writeBytes(value);
      return this;
    }

    Writer text(String value) {
      return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    Writer int32(int value) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
      return this;
    }

    Writer int64(long value) {
      out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
      return this;
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }

  /** Reads what {@link Writer} wrote; every read checks the length left, so any input ends in a clean refusal. */
  /** The two parts of an export form {@code bytes(signed) bytes(signature)}, which must be all of {@code bytes}. */
  record Envelope(byte[] signed, byte[] signature) {
    static Envelope read(byte[] bytes, String what, int maxSigned) {
      Reader outer = new Reader(bytes);
      byte[] signed = outer.bytes(what, maxSigned);
      byte[] signature = outer.bytes(what + " signature", QosLimits.SIGNATURE_BYTES);
      outer.finish("signed " + what);
      return new Envelope(signed, signature);
    }
  }

  static final class Reader {
    private final ByteBuffer in;

    Reader(byte[] bytes) {
      this.in = ByteBuffer.wrap(bytes);
    }

    byte[] bytes(String field, int max) {
      int length = int32(field);
      if (length < 0 || length > max) {
        throw new MalformedProofException(field + " is " + length + " bytes, more than " + max);
      }
      if (length > in.remaining()) {
        throw new MalformedProofException(field + " is cut short");
      }
      byte[] value = new byte[length];
      in.get(value);
      return value;
    }

    String text(String field, int max) {
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes(field, max))).toString();
      } catch (CharacterCodingException e) {
        throw new MalformedProofException(field + " is not UTF-8");
      }
    }

    int int32(String field) {
      need(field, 4);
      return in.getInt();
    }

    long int64(String field) {
      need(field, 8);
      return in.getLong();
    }

    void expect(String tag) {
      String found = text("tag", 64);
      if (!found.equals(tag)) {
        throw new MalformedProofException("expected a " + tag + " record, found '" + found + "'");
      }
    }

    void finish(String what) {
      if (in.hasRemaining()) {
        throw new MalformedProofException(in.remaining() + " bytes after the end of the " + what);
      }
    }

    private void need(String field, int n) {
      if (in.remaining() < n) {
        throw new MalformedProofException(field + " is cut short");
      }
    }
  }
}
