package ai.hanzo.node.config;

import java.time.Duration;

/** Where the gRPC and HTTP servers listen and how long shutdown waits for in-flight calls. */
public record ApiConfig(HostPort grpcAddr, HostPort httpAddr, Duration shutdownGrace) {}
