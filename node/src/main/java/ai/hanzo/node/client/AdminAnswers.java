package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.ApiKeyInfo;
import ai.hanzo.node.api.v1.ImageInfo;
import java.time.Instant;

/** The node's answers about its API keys and images as the client's records; the wire's empty and 0 become null. */
final class AdminAnswers {
  private AdminAnswers() {}

  static RemoteKey key(ApiKeyInfo k) {
    return new RemoteKey(k.getId(), k.getName(), k.getRole(), k.getOrg().isEmpty() ? null : k.getOrg(),
        Instant.ofEpochMilli(k.getCreatedAtMillis()),
        k.getExpiresAtMillis() == 0 ? null : Instant.ofEpochMilli(k.getExpiresAtMillis()), k.getActive());
  }

  static RemoteImage image(ImageInfo info) {
    return new RemoteImage(info.getName(), info.getDigest(), info.getId(), info.getSizeBytes());
  }
}
