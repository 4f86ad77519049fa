package ai.hanzo.node.client;

/** An image of a running node as {@code hanzo-node images} shows it: name, manifest digest, image id, bytes. */
public record RemoteImage(String name, String digest, String id, long size) {}
