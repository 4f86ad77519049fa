package ai.hanzo.node.runtime.image;

/** What the store keeps per image name: the manifest it points at and that manifest's config. */
public record ImageRecord(String name, Digest manifest, Digest config, long size) {}
