package ai.hanzo.node.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;

/**
 * Writes the client's answer records as JSON or YAML in the shape the node's protobuf JSON has, which is what
 * {@code -o json} printed before the CLI stopped seeing protobuf: the records' components carry the API's JSON
 * names, 64-bit integers are strings (JSON numbers lose precision past 2^53), an absent sub-message ({@code null})
 * is left out, and text is escaped and laid out as protobuf's printer does, so the output stays the same bytes.
 */
final class AnswerJson {
  private static final ObjectMapper JSON = JsonMapper.builder(new JsonFactoryBuilder()
          .characterEscapes(new ProtobufEscapes())
          .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
          .build())
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .addModule(new SimpleModule("proto3-int64")
          .addSerializer(Long.class, ToStringSerializer.instance)
          .addSerializer(Long.TYPE, ToStringSerializer.instance))
      .build();
  private static final YAMLMapper YAML = new YAMLMapper();

  private AnswerJson() {}

  /** Indented, as for one answer; on one line, as for each answer of a stream (JSON lines). */
  static String json(Object answer, boolean oneLine) {
    try {
      return (oneLine ? JSON.writer() : JSON.writer(new ProtobufLayout())).writeValueAsString(answer) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A YAML document; each starts with {@code ---}, so a stream of them stays parseable. */
  static String yaml(Object answer) {
    try {
      return YAML.writeValueAsString(JSON.valueToTree(answer));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Protobuf's printer escapes as Gson does: also the HTML-sensitive {@code < > & = '} and the JS line ends. */
  private static final class ProtobufEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final int[] ASCII = standardAsciiEscapesForJSON();

    static {
      for (char c : "<>&='".toCharArray()) {
        ASCII[c] = ESCAPE_STANDARD;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch == '\u2028' || ch == '\u2029' ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }
  }
}
