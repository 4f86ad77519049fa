package ai.hanzo.node.cli;

/** How the CLI prints answers: a human table, proto3 JSON, or YAML of the same JSON. */
enum OutputFormat {
  TABLE,
  JSON,
  YAML
}
