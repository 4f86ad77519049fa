package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.ImageInfo;

/** An image of a running node as {@code hanzo-node images} shows it: name, manifest digest, image id, bytes. */
public record RemoteImage(String name, String digest, String id, long size) {
  static RemoteImage of(ImageInfo info) {
    return new RemoteImage(info.getName(), info.getDigest(), info.getId(), info.getSizeBytes());
  }
}
