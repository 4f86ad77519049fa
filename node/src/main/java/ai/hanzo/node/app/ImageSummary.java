package ai.hanzo.node.app;

/** One stored image as the CLI shows it: familiar name, manifest digest, image id (config digest), layer bytes. */
public record ImageSummary(String name, String digest, String id, long size) {}
