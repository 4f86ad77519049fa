package ai.hanzo.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Loads Compose YAML the way Compose reads it: anchors, aliases and {@code <<} merge keys resolved, and YAML 1.2
 * scalars, so {@code restart: no} stays the word "no" and {@code 80:80} stays a port rather than the YAML 1.1
 * base-60 number 4880. SnakeYAML's safe constructor builds plain maps and lists, capped in size, aliases and depth.
 */
final class ComposeYaml {
  static final int MAX_DEPTH = 64;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ComposeYaml() {}

  /** The document as a tree, or null for an empty document. */
  static JsonNode read(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(100);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(ComposeFile.MAX_BYTES);
    Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
        options, new Yaml12Scalars());
    Object document;
    try {
      document = yaml.load(text);
    } catch (YAMLException e) {
      throw new ComposeFileException("not valid YAML: " + e.getMessage().replace('\n', ' '), e);
    }
    return document == null ? null : toTree(document, 0);
  }

  private static JsonNode toTree(Object value, int depth) {
    if (depth > MAX_DEPTH) {
      // Aliases can make a structure that contains itself; it would never end.
      throw new ComposeFileException("not valid YAML: nested more than " + MAX_DEPTH
          + " levels deep (or an alias refers to itself)");
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((k, v) -> object.set(String.valueOf(k), toTree(v, depth + 1)));
      return object;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      list.forEach(v -> array.add(toTree(v, depth + 1)));
      return array;
    }
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Integer || value instanceof Long) {
      return NODES.numberNode(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      // Floats and big integers keep the digits as written in the file's canonical form.
      return NODES.numberNode(new java.math.BigDecimal(n.toString()));
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    throw new ComposeFileException("not valid YAML for Compose: a value of type " + value.getClass().getSimpleName()
        + " (binary, set or other tagged values are not supported)");
  }

  /** The YAML 1.2 core schema's implicit types, plus merge keys. */
  private static final class Yaml12Scalars extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
      addImplicitResolver(Tag.INT, Pattern.compile("^[-+]?[0-9]+$"), "-+0123456789");
      addImplicitResolver(Tag.FLOAT, Pattern.compile("^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
          "-+.0123456789");
      addImplicitResolver(Tag.MERGE, Pattern.compile("^(?:<<)$"), "<");
      addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL| )$"), "~nN\0");
      addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
    }
  }
}
