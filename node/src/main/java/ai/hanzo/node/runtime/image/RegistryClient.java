package ai.hanzo.node.runtime.image;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * The two reads of the distribution API a pull needs: manifests (by tag or digest) and blobs. Nothing the registry
 * says is trusted: manifests fetched by digest must hash to it, and blobs are verified while they stream to disk.
 */
public final class RegistryClient {
  private final RegistryHttp http;

  public RegistryClient(RegistrySettings settings) {
    this.http = new RegistryHttp(settings);
  }

  /** A manifest or index as served, with the digest of its exact bytes. */
  public record FetchedManifest(byte[] content, String contentType, Digest digest) {}

  /** GETs the manifest {@code reference} (a tag or a digest) of {@code image}'s repository. */
  public FetchedManifest manifest(ImageReference image, String reference) {
    return http.get(image.registry(), image.repository(), "/v2/" + image.repository() + "/manifests/" + reference,
        MediaTypes.ACCEPT, response -> {
          byte[] content = readBounded(response.body(), ManifestDocument.MAX_BYTES, image);
          Digest digest = Digest.of(content);
          if (reference.startsWith("sha256:") && !digest.toString().equals(reference)) {
            throw new ImageFormatException("registry " + image.registry() + " served a manifest with digest "
                + digest + " when " + reference + " was asked for");
          }
          String header = response.headers().firstValue("Docker-Content-Digest").orElse("");
          if (!header.isEmpty() && !header.equals(digest.toString())) {
            throw new ImageFormatException("registry " + image.registry() + " says manifest " + reference
                + " has digest " + header + " but its content hashes to " + digest);
          }
          return new FetchedManifest(content, response.headers().firstValue("Content-Type").orElse(""), digest);
        });
  }

  /** Streams blob {@code descriptor} into {@code blobs} (unless already there) and returns its file. */
  public Path blob(ImageReference image, Descriptor descriptor, BlobStore blobs, String what) {
    return blobs.find(descriptor.digest()).orElseGet(() -> http.get(image.registry(), image.repository(),
        "/v2/" + image.repository() + "/blobs/" + descriptor.digest(), "*/*",
        response -> blobs.write(response.body(), descriptor.digest(), descriptor.size(), what)));
  }

  private static byte[] readBounded(InputStream body, int max, ImageReference image) throws java.io.IOException {
    byte[] content = body.readNBytes(max + 1);
    if (content.length > max) {
      throw new ImageFormatException("manifest of " + image + " is larger than " + max + " bytes");
    }
    return content;
  }
}
