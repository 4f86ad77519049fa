package ai.hanzo.node.runtime.image;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import ai.hanzo.node.runtime.host.ContainerDirectories;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brings images from files into the blob store: an OCI image layout tar ({@code index.json} + {@code blobs/}), a
 * {@code docker save} tar ({@code manifest.json}) or a plain rootfs tar. Archives are unpacked with the same
 * path-safe unpacker as layers into a private temp directory, and every blob is verified as it is stored.
 */
final class ArchiveLoader {
  private static final int MAX_JSON = 8 << 20;

  private final Path temp;
  private final BlobStore blobs;
  private final PlatformSelector platform;
  private final ObjectMapper json = new ObjectMapper();

  /** An image found in an archive, stored: its name and its manifest blob. */
  record Loaded(ImageReference reference, Digest manifest) {}

  ArchiveLoader(Path imagesRoot, BlobStore blobs, PlatformSelector platform) {
    this.temp = imagesRoot.resolve("tmp");
    this.blobs = blobs;
    this.platform = platform;
  }

  List<Loaded> load(Path archive, Optional<ImageReference> name) throws IOException {
    if (!Files.isRegularFile(archive)) {
      throw new ContainerRuntimeException(RuntimeErrorCode.NOT_FOUND, "no archive file at " + archive);
    }
    Files.createDirectories(temp);
    Path dir = Files.createTempDirectory(temp, "load");
    try {
      new LayerUnpacker(dir).apply(archive);
      RootfsPaths paths = new RootfsPaths(dir);
      Path index = paths.resolveFile(List.of("index.json"));
      Path dockerManifest = paths.resolveFile(List.of("manifest.json"));
      List<Loaded> loaded;
      if (index != null) {
        loaded = ociLayout(paths, index, name);
      } else if (dockerManifest != null) {
        loaded = dockerSave(paths, dockerManifest, name);
      } else {
        throw new ImageFormatException(archive + " is neither an OCI image layout (index.json) nor a docker save "
            + "archive (manifest.json)");
      }
      if (loaded.isEmpty()) {
        throw new ImageFormatException(archive + " holds no image");
      }
      return loaded;
    } finally {
      ContainerDirectories.deleteTree(dir);
    }
  }

  /** Stores a plain rootfs tar as a one-layer image and returns its manifest digest. */
  Digest importRootfs(Path tar) throws IOException {
    Descriptor layer = storeFile(tar);
    ObjectNode config = json.createObjectNode().put("architecture", platform.architecture()).put("os", "linux");
    config.putObject("config");
    ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
    if (layer.mediaType().equals(MediaTypes.OCI_LAYER)) {
      rootfs.putArray("diff_ids").add(layer.digest().toString());
    }
    return storeManifest(blobDescriptor(json.writeValueAsBytes(config)), List.of(layer));
  }

  private List<Loaded> ociLayout(RootfsPaths paths, Path indexFile, Optional<ImageReference> name)
      throws IOException {
    JsonNode index = readJson(indexFile, "index.json");
    JsonNode entries = index.path("manifests");
    if (!entries.isArray()) {
      throw new ImageFormatException("index.json has no \"manifests\" array");
    }
    if (!(ManifestDocument.parse(Files.readAllBytes(indexFile), MediaTypes.OCI_INDEX)
        instanceof ManifestDocument.Index parsed)) {
      throw new ImageFormatException("index.json is not an image index");
    }
    checkOverride(name, parsed.manifests().size());
    List<Loaded> loaded = new ArrayList<>();
    for (int i = 0; i < parsed.manifests().size(); i++) {
      Descriptor entry = parsed.manifests().get(i);
      JsonNode annotations = entries.get(i).path("annotations");
      ImageReference reference = name.orElseGet(() -> ociName(annotations));
      loaded.add(new Loaded(reference, importManifest(paths, entry)));
    }
    return loaded;
  }

  private Digest importManifest(RootfsPaths paths, Descriptor descriptor) throws IOException {
    Digest digest = importBlob(paths, descriptor);
    ManifestDocument document = ManifestDocument.parse(blobs.read(digest, ManifestDocument.MAX_BYTES),
        descriptor.mediaType());
    if (document instanceof ManifestDocument.Index nested) {
      return importManifest(paths, platform.select(nested.manifests(), "in the archive"));
    }
    if (!(document instanceof ManifestDocument.Manifest manifest)) {
      throw new ImageFormatException("blob " + digest + " is not an image manifest");
    }
    importBlob(paths, manifest.config());
    for (Descriptor layer : manifest.layers()) {
      importBlob(paths, layer);
    }
    return digest;
  }

  private Digest importBlob(RootfsPaths paths, Descriptor descriptor) throws IOException {
    if (blobs.find(descriptor.digest()).isPresent()) {
      return descriptor.digest();
    }
    Path file = paths.resolveFile(List.of("blobs", "sha256", descriptor.digest().hex()));
    if (file == null) {
      throw new ImageFormatException("the archive lacks blob " + descriptor.digest());
    }
    try (InputStream in = Files.newInputStream(file)) {
      blobs.write(in, descriptor.digest(), descriptor.size(), "archive blob");
    }
    return descriptor.digest();
  }

  private ImageReference ociName(JsonNode annotations) {
    String full = annotations.path("io.containerd.image.name").asText("");
    String ref = annotations.path("org.opencontainers.image.ref.name").asText("");
    String candidate = !full.isEmpty() ? full : ref.contains(":") || ref.contains("/") ? ref : "";
    if (candidate.isEmpty()) {
      throw ContainerRuntimeException.invalidSpec("an image in the archive has no full name (ref.name '" + ref
          + "'); give one with --name");
    }
    return ImageReference.parse(candidate);
  }

  private List<Loaded> dockerSave(RootfsPaths paths, Path manifestFile, Optional<ImageReference> name)
      throws IOException {
    JsonNode manifests = readJson(manifestFile, "manifest.json");
    if (!manifests.isArray()) {
      throw new ImageFormatException("manifest.json of a docker save archive must be an array");
    }
    checkOverride(name, manifests.size());
    List<Loaded> loaded = new ArrayList<>();
    for (JsonNode entry : manifests) {
      Path configFile = member(paths, entry.path("Config").asText(""), "Config");
      if (Files.size(configFile) > ImageConfig.MAX_BYTES) {
        throw new ImageFormatException("image config in the archive is larger than " + ImageConfig.MAX_BYTES);
      }
      Descriptor config = blobDescriptor(Files.readAllBytes(configFile));
      if (!entry.path("Layers").isArray()) {
        throw new ImageFormatException("manifest.json entry has no \"Layers\" array");
      }
      List<Descriptor> layers = new ArrayList<>();
      for (JsonNode layer : entry.path("Layers")) {
        layers.add(storeFile(member(paths, layer.asText(""), "Layers")));
      }
      Digest manifest = storeManifest(config, layers);
      List<ImageReference> names = new ArrayList<>();
      name.ifPresent(names::add);
      if (name.isEmpty()) {
        entry.path("RepoTags").forEach(tag -> names.add(ImageReference.parse(tag.asText(""))));
      }
      if (names.isEmpty()) {
        throw ContainerRuntimeException.invalidSpec("an image in the archive has no RepoTags; give a name with "
            + "--name");
      }
      names.forEach(reference -> loaded.add(new Loaded(reference, manifest)));
    }
    return loaded;
  }

  private static Path member(RootfsPaths paths, String name, String field) throws IOException {
    Path file = name.isEmpty() ? null : paths.resolveFile(RootfsPaths.components(name));
    if (file == null) {
      throw new ImageFormatException("manifest.json names " + field + " file '" + name
          + "', which the archive lacks");
    }
    return file;
  }

  private Descriptor blobDescriptor(byte[] content) throws IOException {
    return new Descriptor(MediaTypes.OCI_CONFIG, blobs.writeBytes(content), content.length, Optional.empty());
  }

  /** Stores a layer file under its digest; gzip or plain tar by its first bytes. */
  private Descriptor storeFile(Path file) throws IOException {
    java.security.MessageDigest sha = Digest.sha256();
    boolean gzip;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(2);
      gzip = head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
      sha.update(head);
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0;) {
        sha.update(buffer, 0, n);
      }
    }
    Digest digest = Digest.of(sha);
    long size = Files.size(file);
    if (blobs.find(digest).isEmpty()) {
      try (InputStream in = Files.newInputStream(file)) {
        blobs.write(in, digest, size, "layer file " + file.getFileName());
      }
    }
    return new Descriptor(gzip ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER, digest, size, Optional.empty());
  }

  private Digest storeManifest(Descriptor config, List<Descriptor> layers) throws IOException {
    ObjectNode manifest = json.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
    manifest.set("config", descriptorJson(config));
    var array = manifest.putArray("layers");
    layers.forEach(layer -> array.add(descriptorJson(layer)));
    return blobs.writeBytes(json.writeValueAsBytes(manifest));
  }

  private ObjectNode descriptorJson(Descriptor descriptor) {
    return json.createObjectNode().put("mediaType", descriptor.mediaType())
        .put("digest", descriptor.digest().toString()).put("size", descriptor.size());
  }

  private JsonNode readJson(Path file, String what) throws IOException {
    if (Files.size(file) > MAX_JSON) {
      throw new ImageFormatException(what + " is larger than " + MAX_JSON + " bytes");
    }
    try {
      return json.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ImageFormatException(what + " is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static void checkOverride(Optional<ImageReference> name, int images) {
    if (name.isPresent() && images != 1) {
      throw ContainerRuntimeException.invalidSpec("--name can only name an archive with one image; this one has "
          + images);
    }
  }
}
