package ai.hanzo.node.registry;

import ai.hanzo.node.error.NodeException;

/** Node ids end up in URL paths, logs and keys: keep them short and printable. */
public final class NodeIds {
  static final int MAX_LENGTH = 128;

  private NodeIds() {}

  public static void validate(String nodeId, String field) {
    if (nodeId == null || nodeId.isEmpty()) {
      throw NodeException.invalidField(field, "is required");
    }
    if (nodeId.length() > MAX_LENGTH) {
      throw NodeException.invalidField(field, "is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < nodeId.length(); i++) {
      char c = nodeId.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
          || c == '.';
      if (!ok) {
        throw NodeException.invalidField(field, "may contain only letters, digits, '-', '_' and '.'");
      }
    }
  }
}
