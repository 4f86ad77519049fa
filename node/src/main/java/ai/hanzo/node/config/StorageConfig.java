package ai.hanzo.node.config;

import java.time.Duration;

public record StorageConfig(Duration metricsRetention) {}
