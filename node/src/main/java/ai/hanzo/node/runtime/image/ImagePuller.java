package ai.hanzo.node.runtime.image;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls one image: its manifest (through an index, picking this host's platform), then config and layers into the
 * blob store, each verified by digest and size. Returns the digest of the platform manifest, now stored as a blob.
 */
final class ImagePuller {
  private static final Logger log = LoggerFactory.getLogger(ImagePuller.class);

  private final RegistryClient registry;
  private final BlobStore blobs;
  private final PlatformSelector platform;

  ImagePuller(RegistryClient registry, BlobStore blobs, PlatformSelector platform) {
    this.registry = registry;
    this.blobs = blobs;
    this.platform = platform;
  }

  Digest pull(ImageReference image) {
    long started = System.nanoTime();
    RegistryClient.FetchedManifest fetched = registry.manifest(image, image.manifestReference());
    ManifestDocument document = ManifestDocument.parse(fetched.content(), fetched.contentType());
    if (document instanceof ManifestDocument.Index index) {
      Descriptor chosen = platform.select(index.manifests(), image.canonical());
      fetched = registry.manifest(image, chosen.digest().toString());
      document = ManifestDocument.parse(fetched.content(), fetched.contentType());
      if (!(document instanceof ManifestDocument.Manifest)) {
        throw new ImageFormatException("the " + chosen.platform().map(Object::toString).orElse("") + " entry of "
            + image + "'s index is not an image manifest");
      }
    }
    ManifestDocument.Manifest manifest = (ManifestDocument.Manifest) document;
    registry.blob(image, manifest.config(), blobs, "config of " + image);
    int n = 0;
    for (Descriptor layer : manifest.layers()) {
      registry.blob(image, layer, blobs, "layer " + (++n) + " of " + image);
    }
    try {
      Digest stored = blobs.writeBytes(fetched.content());
      log.info("Pulled {} ({}, {} layers) in {} ms", image, stored, manifest.layers().size(),
          (System.nanoTime() - started) / 1_000_000);
      return stored;
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot store the manifest of " + image, e);
    }
  }
}
