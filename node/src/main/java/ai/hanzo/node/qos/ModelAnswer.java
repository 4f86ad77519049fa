package ai.hanzo.node.qos;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The answer of a model challenge: the generated text as UTF-8, cut at {@link QosLimits#MAX_ANSWER} bytes on a
 * character boundary. Both ends cut the same way, so the provider's answer and the challenger's own run compare
 * byte for byte.
 */
public final class ModelAnswer {
  private ModelAnswer() {}

  public static byte[] encode(String text) {
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    ByteBuffer out = ByteBuffer.allocate(QosLimits.MAX_ANSWER);
    // An overflow leaves the buffer at the last whole character that fit.
    encoder.encode(CharBuffer.wrap(text), out, true);
    return Arrays.copyOf(out.array(), out.position());
  }
}
