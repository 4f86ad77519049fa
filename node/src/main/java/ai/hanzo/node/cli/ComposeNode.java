package ai.hanzo.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One value of a parsed Compose file together with its path ({@code services.web.ports[0]}), so every error can
 * say exactly where it is. Accessors accept the shapes Compose allows and refuse the rest by name.
 */
record ComposeNode(JsonNode node, String path) {

  /**
   * The fields of a mapping, each checked against {@code allowed} before any is read: a key outside it (and not an
   * {@code x-} extension) is an error.
   */
  Fields fields(Set<String> allowed) {
    Map<String, ComposeNode> fields = new LinkedHashMap<>();
    entries().forEach((key, value) -> {
      if (key.startsWith("x-")) {
        return; // Compose extension fields hold anchors for reuse and are ignored by design.
      }
      if (!allowed.contains(key)) {
        throw ComposeFileException.at(value.path(), "not supported");
      }
      fields.put(key, value);
    });
    return new Fields(fields);
  }

  /** The entries of a mapping (any keys), in file order. */
  Map<String, ComposeNode> entries() {
    return entries(entry -> entry);
  }

  /** The entries of a mapping (any keys), each read by {@code reader}, in file order. */
  <T> Map<String, T> entries(Function<ComposeNode, T> reader) {
    requireMapping();
    Map<String, T> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(),
        reader.apply(new ComposeNode(e.getValue(), child(e.getKey())))));
    // Not Map.copyOf: it would lose the file's order, which the node shows services in.
    return Collections.unmodifiableMap(out);
  }

  /** No value: a key written with nothing after it, or {@code null}/{@code ~}. */
  boolean isNull() {
    return node == null || node.isNull();
  }

  /** A scalar as text: strings, numbers and booleans, as Compose treats them. */
  String text() {
    if (node.isTextual() || node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    throw ComposeFileException.at(path, "expected a single value, found " + kind());
  }

  boolean bool() {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    throw ComposeFileException.at(path, "expected true or false, found " + kind());
  }

  /** A whole number in {@code 0..max}. */
  int count(int max) {
    if (node.canConvertToInt() && node.isIntegralNumber() && node.intValue() >= 0 && node.intValue() <= max) {
      return node.intValue();
    }
    throw ComposeFileException.at(path, "expected a whole number from 0 to " + max + ", found " + describe());
  }

  /** A sequence of scalars. */
  List<String> textList() {
    List<String> out = new ArrayList<>();
    for (ComposeNode item : items()) {
      out.add(item.text());
    }
    return out;
  }

  List<ComposeNode> items() {
    if (!node.isArray()) {
      throw ComposeFileException.at(path, "expected a list, found " + kind());
    }
    List<ComposeNode> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(new ComposeNode(node.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  boolean isList() {
    return node.isArray();
  }

  boolean isMapping() {
    return node.isObject();
  }

  /** The allowed fields of one mapping, by key in file order; a key the file does not have is absent. */
  record Fields(Map<String, ComposeNode> byKey) {
    static final Fields NONE = new Fields(Map.of());

    /** {@code reader} applied to the field's value, or {@code absent} when the file does not have the field. */
    <T> T read(String key, Function<ComposeNode, T> reader, T absent) {
      ComposeNode value = byKey.get(key);
      return value == null ? absent : reader.apply(value);
    }
  }

  private void requireMapping() {
    if (!node.isObject()) {
      throw ComposeFileException.at(path, "expected a mapping of keys to values, found " + kind());
    }
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private String describe() {
    return node.isValueNode() ? "'" + node.asText() + "'" : kind();
  }

  private String kind() {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return node.isNull() ? "nothing" : "'" + node.asText() + "'";
  }
}
