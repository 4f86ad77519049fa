package ai.hanzo.node.client;

/** How the CLI prints answers: a human table, proto3 JSON, or YAML of the same JSON. */
public enum OutputFormat {
  TABLE,
  JSON,
  YAML
}
