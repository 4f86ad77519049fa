package ai.hanzo.node.runtime.image;

import java.util.Optional;

/** A pointer to content by digest and size, as manifests and indexes carry it; platform only in an index. */
public record Descriptor(String mediaType, Digest digest, long size, Optional<Platform> platform) {

  /** The os/architecture/variant an index entry is for. */
  public record Platform(String os, String architecture, String variant) {
    @Override
    public String toString() {
      return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
  }
}
