package ai.hanzo.node.api.mapping;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

/**
 * Proto3 JSON for the HTTP mirror: prints lowerCamelCase names with default values included (clients see every
 * field), parses both lowerCamelCase and the proto's snake_case names and rejects unknown fields.
 */
public final class Json {
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().alwaysPrintFieldsWithNoPresence();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  private Json() {}

  public static String print(Message message) {
    try {
      return PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      // Only Any with an unknown type can fail, and the API has none.
      throw new IllegalStateException(e);
    }
  }

  /** Parses {@code json} into {@code builder}; an empty body is the empty message. */
  public static <B extends Message.Builder> B parse(String json, B builder) throws InvalidProtocolBufferException {
    if (!json.isBlank()) {
      PARSER.merge(json, builder);
    }
    return builder;
  }

  /** A request body: parsed as {@link #parse} does, then held to the {@link FieldRules} every request obeys. */
  public static <B extends Message.Builder> B parseRequest(String json, B builder) throws InvalidProtocolBufferException {
    FieldRules.check(parse(json, builder));
    return builder;
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
