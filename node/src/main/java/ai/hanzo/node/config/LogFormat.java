package ai.hanzo.node.config;

public enum LogFormat {
  TEXT,
  JSON
}
