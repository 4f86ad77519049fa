package ai.hanzo.node.api.mapping;

import ai.hanzo.node.api.v1.AddUpstreamModelRequest;
import ai.hanzo.node.api.v1.LoadModelRequest;
import ai.hanzo.node.api.v1.ModelDetails;
import ai.hanzo.node.api.v1.PullModelRequest;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.models.ModelInfo;
import ai.hanzo.node.models.ModelRecord;
import ai.hanzo.node.models.UpstreamTarget;
import ai.hanzo.node.models.UpstreamTuning;
import java.util.Optional;

/**
 * The model verbs' messages ({@code InferenceService} PullModel, RemoveModel, InspectModel), shared by gRPC and
 * their HTTP mirror routes so both answer the same fields.
 */
public final class ModelMessages {
  private ModelMessages() {
  }

  /**
   * As {@link #details(ModelRecord, boolean)}, with the context length the loaded model has
   * ({@code servedContext}, 0 when not loaded): for an upstream model without a configured one, what it learned
   * from its upstream. A GGUF model shows its header's, as before.
   */
  public static ModelDetails details(ModelRecord record, boolean loaded, long servedContext) {
    ModelDetails plain = details(record, loaded);
    if (record.upstream() == null) {
      return plain.toBuilder().setContextSource("gguf").build();
    }
    if (record.info().contextLength() > 0) {
      return plain.toBuilder().setContextSource("configured").build();
    }
    if (loaded && servedContext > 0) {
      return plain.toBuilder().setContextLength(servedContext).setContextSource("upstream").build();
    }
    return plain.toBuilder().setContextLength(0).setContextSource("unknown").build();
  }

  /** What a model's GGUF header and store record say, and whether it is loaded now. */
  public static ModelDetails details(ModelRecord record, boolean loaded) {
    ModelInfo info = record.info();
    return ModelDetails.newBuilder().setName(record.name()).setArchitecture(info.architecture())
        .setParameters(info.parameterCount()).setContextLength(info.contextLength())
        .setQuantization(info.quantization()).setTokenizer(info.tokenizer())
        .setVocabularySize(info.vocabularySize()).setEmbeddingLength(info.embeddingLength())
        .setBlockCount(info.blockCount()).setHeadCount(info.headCount()).setSizeBytes(record.size())
        .setSha256(record.sha256() == null ? "" : record.sha256())
        .setAddedAt(record.addedAt() == null ? "" : record.addedAt()).setLoaded(loaded).setKind(record.kind())
        .setUpstreamUrl(record.upstream() == null ? "" : record.upstream().url())
        .setUpstreamModel(record.upstream() == null ? "" : record.upstream().model()).build();
  }

  /** The upstream an AddUpstreamModel request names, checked; its model id defaults to the name. */
  public static UpstreamTarget upstream(AddUpstreamModelRequest request) {
    if (request.getUrl().isBlank()) {
      throw NodeException.invalidField("url", "is required: the upstream's OpenAI base URL, http(s)://host:port/v1");
    }
    String model = request.getUpstreamModel().isEmpty() ? request.getName() : request.getUpstreamModel();
    return new UpstreamTarget(request.getUrl(), model, request.getApiKeyFile(), request.getApiKeyEnv(),
        new UpstreamTuning(request.getMaxInFlight(), request.getConnectTimeoutMs(), request.getHeadersTimeoutMs(),
            request.getIdleTimeoutMs(), request.getContextLength()));
  }

  /** The reference of a pull, required. */
  public static String reference(PullModelRequest request) {
    if (request.getReference().isBlank()) {
      throw NodeException.invalidField("reference", "is required: [registry[:port]/]repository[:tag][@sha256:...]");
    }
    return request.getReference();
  }

  /** The name a pull stores its model as, when the request gives one. */
  public static Optional<String> name(PullModelRequest request) {
    return request.getName().isEmpty() ? Optional.empty() : Optional.of(request.getName());
  }

  /** The file a LoadModel request names: an absolute path of at most 4,096 characters. */
  public static java.nio.file.Path path(LoadModelRequest request) {
    String path = request.getPath();
    if (path.isBlank() || path.length() > 4096 || path.chars().anyMatch(Character::isISOControl)) {
      throw NodeException.invalidField("path", "is required: an absolute path of a GGUF file on the node's machine,"
          + " at most 4096 characters");
    }
    java.nio.file.Path file;
    try {
      file = java.nio.file.Path.of(path);
    } catch (java.nio.file.InvalidPathException e) {
      throw NodeException.invalidField("path", "is not a path: " + e.getReason());
    }
    if (!file.isAbsolute()) {
      throw NodeException.invalidField("path", "must be absolute (the node's working directory is not the caller's)");
    }
    return file.normalize();
  }

  /** The name a LoadModel request stores its model as, when it gives one. */
  public static Optional<String> name(LoadModelRequest request) {
    return request.getName().isEmpty() ? Optional.empty() : Optional.of(request.getName());
  }

  /** A model's name as a request gives it, required. */
  public static String requiredName(String name) {
    if (name.isBlank()) {
      throw NodeException.invalidField("name", "is required: a model's name as ListModels gives it");
    }
    return name;
  }
}
