package ai.hanzo.node.api.mapping;

import ai.hanzo.node.error.NodeException;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MapEntry;
import com.google.protobuf.MessageOrBuilder;
import java.util.List;
import java.util.Map;

/**
 * The one set of limits on what a request may carry, checked at the edge for both transports (gRPC messages by
 * {@link FieldRulesInterceptor}, HTTP bodies in {@link Json#parseRequest}) and again where a deployment is mapped, so
 * that nothing the node stores, logs or hands to a runtime can be malformed or unbounded. It walks every field of
 * any request message and names the offending one by its path, e.g. {@code spec.services[web].environment[A=B]}:
 * <ul>
 *   <li>every string: well-formed (no lone UTF-16 surrogate, which cannot be encoded as UTF-8), no NUL;</li>
 *   <li>ids ({@code *_id}, {@code id}, {@code target}) and names ({@code name}, {@code *_name}, {@code namespace},
 *       the keys of services, networks and volumes, label keys): bounded and free of control characters;</li>
 *   <li>environment variables: a non-empty name without {@code =} (what execve and every runtime require);</li>
 *   <li>command, entrypoint and healthcheck arguments and environment values: at most {@link #MAX_ARGUMENT}
 *       characters each (Linux' MAX_ARG_STRLEN); a prompt or embedding input at most
 *       {@link InferenceRequests#MAX_PROMPT_CHARS}; any other string at most {@link #MAX_TEXT};</li>
 *   <li>bytes: at most {@link #MAX_BYTES}, except exec stdin, bounded by the message size.</li>
 * </ul>
 * The whole message is bounded before this by {@link ApiServers#MAX_MESSAGE_BYTES} (both servers).
 */
public final class FieldRules {
  static final int MAX_ID = 128;
  static final int MAX_NAME = 512;
  static final int MAX_LABEL_VALUE = 4096;
  static final int MAX_ENV_NAME = 1024;
  static final int MAX_TEXT = 4096;
  static final int MAX_ARGUMENT = 128 * 1024;
  static final int MAX_BYTES = 64 * 1024;
  private static final int MAX_KEY_IN_PATH = 40;

  private FieldRules() {}

  /** @throws NodeException INVALID_ARGUMENT naming the first field that breaks a rule */
  public static void check(MessageOrBuilder message) {
    walk(message, "");
  }

  private static void walk(MessageOrBuilder message, String prefix) {
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      FieldDescriptor d = field.getKey();
      String path = prefix + d.getName();
      if (d.isMapField()) {
        for (Object o : (List<?>) field.getValue()) {
          MapEntry<?, ?> entry = (MapEntry<?, ?>) o;
          String key = String.valueOf(entry.getKey());
          String entryPath = path + "[" + shown(key) + "]";
          checkMapKey(d.getName(), key, entryPath);
          value(d.getName(), entry.getValue(), entryPath, true);
        }
      } else if (d.isRepeated()) {
        List<?> items = (List<?>) field.getValue();
        for (int i = 0; i < items.size(); i++) {
          value(d.getName(), items.get(i), path + "[" + i + "]", false);
        }
      } else {
        value(d.getName(), field.getValue(), path, false);
      }
    }
  }

  private static void value(String name, Object v, String path, boolean mapValue) {
    if (v instanceof MessageOrBuilder nested) {
      walk(nested, path + ".");
    } else if (v instanceof String s) {
      text(s, path, stringLimit(name, mapValue), !mapValue && isIdentifier(name));
    } else if (v instanceof ByteString b && !name.equals("stdin") && b.size() > MAX_BYTES) {
      throw NodeException.invalidField(path, "is " + b.size() + " bytes; at most " + MAX_BYTES + " are allowed");
    }
  }

  private static void checkMapKey(String map, String key, String path) {
    switch (map) {
      case "environment" -> {
        text(key, path, MAX_ENV_NAME, false);
        if (key.isEmpty() || key.indexOf('=') >= 0) {
          throw NodeException.invalidField(path, "is not a valid environment variable name: it must be non-empty"
              + " and contain no '='");
        }
      }
      case "labels", "services", "networks", "volumes" -> text(key, path, MAX_NAME, true);
      default -> text(key, path, MAX_TEXT, false);
    }
  }

  private static int stringLimit(String field, boolean mapValue) {
    if (mapValue) {
      return switch (field) {
        case "environment" -> MAX_ARGUMENT;
        case "labels" -> MAX_LABEL_VALUE;
        default -> MAX_TEXT;
      };
    }
    return switch (field) {
      case "command", "entrypoint", "test" -> MAX_ARGUMENT;
      // InferenceService: a prompt or an embedding input may be long; its own limit is checked with the request
      case "prompt", "input" -> InferenceRequests.MAX_PROMPT_CHARS;
      default -> isIdentifier(field) ? (isId(field) ? MAX_ID : MAX_NAME) : MAX_TEXT;
    };
  }

  private static boolean isId(String field) {
    return field.equals("id") || field.endsWith("_id") || field.equals("target");
  }

  private static boolean isIdentifier(String field) {
    return isId(field) || field.equals("name") || field.endsWith("_name") || field.equals("namespace");
  }

  /**
   * At most {@code max} characters, well-formed Unicode, no NUL; an {@code identifier} also has no control
   * characters.
   */
  static void text(String s, String path, int max, boolean identifier) {
    if (s.length() > max) {
      throw NodeException.invalidField(path, "is " + s.length() + " characters long; at most " + max
          + " are allowed");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw NodeException.invalidField(path, "is not well-formed Unicode (a lone surrogate at " + i + ")");
      } else if (c == 0) {
        throw NodeException.invalidField(path, "contains a NUL character at " + i);
      } else if (identifier && (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0)) {
        throw NodeException.invalidField(path, "contains a control character at " + i);
      }
    }
  }

  /** A map key as it appears in a field path: printable, short (the key itself may be what is wrong). */
  private static String shown(String key) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < key.length() && sb.length() < MAX_KEY_IN_PATH; i++) {
      char c = key.charAt(i);
      sb.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? '?' : c);
    }
    return key.length() > MAX_KEY_IN_PATH ? sb + "..." : sb.toString();
  }
}
