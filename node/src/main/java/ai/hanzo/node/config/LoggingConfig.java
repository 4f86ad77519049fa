package ai.hanzo.node.config;

public record LoggingConfig(LogLevel level, LogFormat format, boolean banner) {}
