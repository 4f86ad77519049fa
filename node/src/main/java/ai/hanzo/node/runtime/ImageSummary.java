package ai.hanzo.node.runtime;

/**
 * One stored image.
 *
 * @param name familiar name, e.g. {@code busybox:latest}
 * @param digest the manifest's digest, {@code sha256:...}
 * @param id the first 12 hex digits of the config digest, as {@code docker images} shows it
 * @param size bytes on disk
 */
public record ImageSummary(String name, String digest, String id, long size) {}
