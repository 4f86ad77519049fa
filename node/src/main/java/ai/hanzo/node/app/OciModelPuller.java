package ai.hanzo.node.app;

import ai.hanzo.node.compute.RuntimeErrors;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.models.ModelPuller;
import ai.hanzo.node.models.ModelRecord;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ImageContentException;
import ai.hanzo.node.runtime.image.BlobStore;
import ai.hanzo.node.runtime.image.Descriptor;
import ai.hanzo.node.runtime.image.ImageReference;
import ai.hanzo.node.runtime.image.ManifestDocument;
import ai.hanzo.node.runtime.image.RegistryClient;
import ai.hanzo.node.runtime.image.RegistrySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pulls a GGUF model packaged as an OCI artifact, the way Docker Model Runner ({@code application/vnd.docker.ai
 * .gguf.v3} layers) and Ollama ({@code application/vnd.ollama.image.model}) publish them, with the image pull's
 * registry client: the manifest must hash to a pinned digest, and the layer streams to disk verified against its
 * descriptor's digest and size before the store checks its GGUF header and adds it. The verified blob is a temporary
 * file under {@code models/.pull/}, deleted once the store holds its copy.
 */
final class OciModelPuller implements ModelPuller {
  /** Layer media types that carry a whole GGUF file. */
  static final Set<String> GGUF_LAYERS = Set.of("application/vnd.docker.ai.gguf.v3",
      "application/vnd.ollama.image.model");

  private final RegistryClient registry;
  private final ModelStore store;
  private final Path pullDir;

  OciModelPuller(RegistrySettings settings, ModelStore store, Path dataDir) {
    this.registry = new RegistryClient(settings);
    this.store = store;
    this.pullDir = dataDir.resolve("models").resolve(".pull");
  }

  @Override
  public ModelRecord pull(String reference, Optional<String> name) {
    ImageReference ref = parse(reference);
    String modelName = name.isPresent() ? ModelStore.validName(name.get()) : nameOf(ref);
    try {
      if (store.find(modelName).isPresent()) {
        throw new NodeException(ErrorCode.ALREADY_EXISTS, "model '" + modelName + "' already exists; remove it "
            + "first or pull with another name");
      }
      RegistryClient.FetchedManifest fetched = registry.manifest(ref, ref.manifestReference());
      ManifestDocument.Manifest manifest = ManifestDocument.artifact(fetched.content(), fetched.contentType());
      Descriptor layer = ggufLayer(ref, manifest.layers());
      BlobStore blobs = new BlobStore(pullDir);
      Path blob = registry.blob(ref, layer, blobs, "model layer");
      try {
        return store.add(blob, modelName);
      } catch (NodeException e) {
        if (e.code() != ErrorCode.INVALID_ARGUMENT) {
          throw e;
        }
        // the layer's content, not the caller, is at fault; and the temp path means nothing to the caller
        String problem = e.getMessage().replaceFirst("^file: ", "");
        throw new NodeException(ErrorCode.FAILED_PRECONDITION, problem.replace(blob.toString(),
            ref + " layer " + layer.digest()));
      } finally {
        blobs.delete(layer.digest());
      }
    } catch (ImageContentException e) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, reference + ": " + e.getMessage());
    } catch (ContainerRuntimeException e) {
      throw RuntimeErrors.toNode(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ImageReference parse(String reference) {
    try {
      return ImageReference.parse(reference);
    } catch (ContainerRuntimeException e) {
      throw NodeException.invalidField("reference", e.getMessage());
    }
  }

  /** The model's default name: the repository's last path element ({@code ai/smollm2} gives {@code smollm2}). */
  static String nameOf(ImageReference ref) {
    String repository = ref.repository();
    return ModelStore.nameFrom(Path.of(repository.substring(repository.lastIndexOf('/') + 1)));
  }

  private static Descriptor ggufLayer(ImageReference ref, List<Descriptor> layers) {
    List<Descriptor> gguf = layers.stream().filter(l -> GGUF_LAYERS.contains(l.mediaType())).toList();
    if (gguf.size() != 1) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, ref + " is not a model artifact: it has "
          + gguf.size() + " GGUF layers (media type " + String.join(" or ", GGUF_LAYERS.stream().sorted().toList())
          + "), expected exactly one; its layers are " + layers.stream().map(Descriptor::mediaType).distinct()
          .toList());
    }
    return gguf.get(0);
  }
}
