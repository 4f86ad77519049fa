package ai.hanzo.node.cli;

import ai.hanzo.node.app.LocalNode;
import ai.hanzo.node.app.LoggingSetup;
import ai.hanzo.node.app.ModelSummary;
import ai.hanzo.node.app.OfflineModels;
import ai.hanzo.node.client.UpstreamSpec;
import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.Parsers;
import ai.hanzo.node.config.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/**
 * {@code hanzo-node models pull|load|add-upstream|ls|inspect|rm}: the model store. Through the node's API when an
 * endpoint is given (--endpoint or HANZO_ENDPOINT) or a running node holds the data directory's lock, else on the
 * stopped node's data directory ({@link ClientOptions#nodeOrOffline}, as {@code images}). {@code load} through a
 * node of this machine (found by its data directory, or a loopback endpoint) sends the file's path, which the node
 * reads itself; a node elsewhere (or any with {@code --upload}) gets the file's bytes streamed (UploadModel). The
 * group's fields and usage are {@link CommandGroup}'s; each verb is a {@link StoreCall}, taking the client options at
 * any level as a {@link GroupCall} does.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "Pull, load, add upstream, list, inspect and remove GGUF models: through the running node's API, or on a "
        + "stopped node's data directory.",
    subcommands = {ModelsCommand.Pull.class, ModelsCommand.Load.class, ModelsCommand.AddUpstream.class,
        ModelsCommand.Ls.class,
        ModelsCommand.Inspect.class, ModelsCommand.Rm.class})
final class ModelsCommand extends CommandGroup {
  @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Data directory of the node (env HANZO_DATA_DIR, default ./data); while a node runs on it, "
          + "its API is used.")
  String dataDir;

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]", scope = ScopeType.INHERIT,
      description = "Registry to pull from over plain HTTP when no node runs; repeatable "
          + "(env HANZO_INSECURE_REGISTRIES).")
  List<String> insecureRegistries;

  @Option(names = "--registry-auth-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Registry credentials in docker/podman auth.json form when no node runs "
          + "(env HANZO_REGISTRY_AUTH_FILE).")
  String registryAuthFile;

  ModelsCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  /** The store a verb works on, with the client options given at any level (the verb's winning). */
  ModelSources open(ClientOptions verb) {
    LoggingSetup.quietForCommandLine();
    ConfigSources sources = ConfigSources.of(env);
    Path dir = sources.resolve(NodeOptions.DATA_DIR, dataDir);
    ClientOptions fromParent = parent == null ? new ClientOptions() : parent.client;
    return verb.orElse(client).nodeOrOffline(fromParent, env, dir, LocalNode::runsOn, ModelSources::remote, () -> {
      RuntimeConfig registries = new RuntimeConfig("runc", "",
          sources.resolveList(RuntimeOptions.INSECURE_REGISTRY, insecureRegistries),
          sources.resolve(RuntimeOptions.REGISTRY_AUTH_FILE, registryAuthFile));
      return ModelSources.offline(OfflineModels.open(dir), registries);
    });
  }

  /**
   * A verb of {@code models}: one call on the model store, its answer printed (exit 0). The models' own
   * {@link GroupCall}: the store is the running node's or, unlike a GroupCall's, a stopped node's directory, so a
   * failure keeps the one line {@link Main} prints for it (exit 2 for the caller's input, else 1), as before.
   */
  abstract static class StoreCall implements Callable<Integer> {
    @ParentCommand ModelsCommand models;
    @Mixin ClientOptions client = new ClientOptions();

    @Override
    public final Integer call() throws IOException {
      models.terminal.out().print(run());
      models.terminal.out().flush();
      return 0;
    }

    /** The verb's answer, as printed. */
    abstract String run() throws IOException;

    /** Opens the store this verb works on; the caller closes it. */
    ModelSources open() {
      return models.open(client);
    }
  }

  @Command(name = "pull", mixinStandardHelpOptions = true,
      description = "Pull a GGUF model packaged as an OCI artifact from its registry (verified by digest).")
  static final class Pull extends StoreCall {
    @Parameters(paramLabel = "REF", description = "[registry[:port]/]repository[:tag][@sha256:...]")
    String reference;

    @Option(names = "--name", paramLabel = "NAME",
        description = "The model's name (default: the repository's last path element).")
    String name;

    @Override
    String run() {
      try (ModelSources store = open()) {
        ModelSummary model = store.pull(reference, Optional.ofNullable(name));
        return "pulled " + model.name() + " from " + reference + " (" + model.architecture() + ", "
            + model.quantization() + ", " + ImagesCommand.size(model.size()) + ")\n";
      }
    }
  }

  @Command(name = "load", mixinStandardHelpOptions = true, description = "Copy a GGUF file into the store: on a stopped node's data directory, through the running"
          + " node of this machine, which reads the file itself (its GGUF header is checked before any copy), or"
          + " streamed to a node elsewhere (--endpoint; needs models:manage there).")
  static final class Load extends StoreCall {
    @Parameters(paramLabel = "FILE", description = "The GGUF file.")
    Path file;

    @Option(names = "--name", paramLabel = "NAME",
        description = "The model's name (default: the file name without .gguf, lower-cased).")
    String name;

    @Option(names = "--upload",
        description = "Stream the file's bytes to the node even when it runs on this machine (a node in a"
            + " container does not see this machine's files); a node elsewhere always gets them so.")
    boolean upload;

    @Override
    String run() {
      try (ModelSources store = open()) {
        ModelSources.Loaded loaded = store.load(file, Optional.ofNullable(name), upload);
        ModelSummary model = loaded.model();
        return "loaded " + model.name() + " (" + model.architecture() + ", " + model.quantization() + ", "
            + ImagesCommand.size(model.size()) + ")\n"
            + (loaded.uploaded() ? "uploaded to the node, sha256 " + model.sha256() + "\n" : "");
      }
    }
  }

  @Command(name = "add-upstream", mixinStandardHelpOptions = true,
      description = "Serve a model of an OpenAI-compatible server you run (vLLM, llama-server, mlx_lm.server) "
          + "through this node: its IAM, queue, usage and discovery (engine kind openai-upstream).")
  static final class AddUpstream extends StoreCall {
    @Parameters(paramLabel = "NAME", description = "The model's name on this node.")
    String name;

    @Option(names = "--url", paramLabel = "URL", required = true,
        description = "The upstream's OpenAI base URL, http(s)://host:port/v1 (no credentials in it).")
    String url;

    @Option(names = "--upstream-model", paramLabel = "ID",
        description = "The model id the upstream serves it as (default: NAME).")
    String upstreamModel;

    @Option(names = "--api-key-file", paramLabel = "FILE",
        description = "A file on the node's machine whose first line is the upstream's API key (read by the node"
            + " when it serves the model; the key is never stored or shown).")
    String apiKeyFile;

    @Option(names = "--api-key-env", paramLabel = "VAR",
        description = "Or the node's environment variable that holds the upstream's API key.")
    String apiKeyEnv;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "8",
        description = "Requests sent to the upstream at once, 1-256 (default: ${DEFAULT-VALUE}; it batches them);"
            + " more wait in the model's queue, 429 when that is full.")
    int maxInFlight;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
        description = "To open a connection to the upstream, 100ms-5m (default: ${DEFAULT-VALUE}).")
    String connectTimeout;

    @Option(names = "--headers-timeout", paramLabel = "DURATION", defaultValue = "120s",
        description = "From a request to the upstream's answer headers, 100ms-1h (default: ${DEFAULT-VALUE}).")
    String headersTimeout;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "60s",
        description = "The longest the upstream may stay silent within an answer, 100ms-1h (default:"
            + " ${DEFAULT-VALUE}).")
    String idleTimeout;

    @Option(names = "--context-length", paramLabel = "TOKENS", defaultValue = "0",
        description = "The model's context, when the upstream does not report it on GET /models (default: as"
            + " reported).")
    int contextLength;

    @Override
    String run() {
      // The node reads the key file itself, maybe from another working directory: pass it absolute.
      String file = apiKeyFile == null ? "" : Path.of(apiKeyFile).toAbsolutePath().toString();
      UpstreamSpec spec = new UpstreamSpec(name, url, upstreamModel == null ? name : upstreamModel, file,
          apiKeyEnv == null ? "" : apiKeyEnv, maxInFlight, millis("--connect-timeout", connectTimeout),
          millis("--headers-timeout", headersTimeout), millis("--idle-timeout", idleTimeout), contextLength);
      try (ModelSources store = open()) {
        ModelSummary model = store.addUpstream(spec);
        return "added " + model.name() + " (openai-upstream, " + url.strip() + ")\n";
      }
    }
  }

  /** A duration flag in milliseconds; the node checks its bounds. */
  private static long millis(String flag, String value) {
    try {
      return Parsers.positiveDuration(value).toMillis();
    } catch (RuntimeException e) {
      throw new ConfigException(flag + " must be a duration such as 10s or 500ms, not '" + value + "'");
    }
  }

  @Command(name = "ls", mixinStandardHelpOptions = true, description = "List the stored models.")
  static final class Ls extends StoreCall {
    @Override
    String run() {
      try (ModelSources store = open()) {
        String row = "%-40s %-12s %-12s %-10s %-8s %s%n";
        StringBuilder out = new StringBuilder(String.format(row, "NAME", "ARCH", "PARAMETERS", "QUANT", "CONTEXT",
            "SIZE"));
        for (ModelSummary m : store.list()) {
          out.append(String.format(row, m.name(), m.architecture(), m.parameters(), m.quantization(),
              m.contextLength(), ImagesCommand.size(m.size())));
        }
        return out.toString();
      }
    }
  }

  @Command(name = "inspect", mixinStandardHelpOptions = true,
      description = "Show what a model's GGUF header says, without loading its weights.")
  static final class Inspect extends StoreCall {
    @Parameters(paramLabel = "NAME|FILE", description = "A stored model's name, or a GGUF file.")
    String model;

    @Override
    String run() throws IOException {
      if (Files.isRegularFile(Path.of(model))) {
        return details(OfflineModels.inspectFile(Path.of(model)));
      }
      try (ModelSources store = open()) {
        return details(store.find(model));
      }
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove stored models by name.")
  static final class Rm extends StoreCall {
    @Parameters(paramLabel = "NAME", arity = "1..*", description = "Model names as models ls shows them.")
    List<String> names;

    @Override
    String run() {
      // Each removal is printed as it happens: a later name that fails leaves the earlier ones reported.
      try (ModelSources store = open()) {
        for (String name : names) {
          store.remove(name);
          models.terminal.out().println("removed " + name);
        }
      }
      return "";
    }
  }

  /** A model's context length, and for an upstream model where it comes from (a GGUF header's shows bare). */
  static String context(ModelSummary m) {
    return switch (m.contextSource()) {
      case "configured" -> m.contextLength() + " (configured)";
      case "upstream" -> m.contextLength() + " (learned from the upstream's /models)";
      case "unknown" -> "unknown (not configured; learned from the upstream's /models once the model is loaded)";
      default -> Long.toString(m.contextLength());
    };
  }

  /** What {@code models inspect} prints of a model. */
  static String details(ModelSummary m) {
    String row = "%-16s %s%n";
    StringBuilder out = new StringBuilder();
    out.append(String.format(row, "name:", m.name()));
    out.append(String.format(row, "architecture:", m.architecture()));
    out.append(String.format(row, "parameters:", m.parameters()));
    out.append(String.format(row, "context length:", context(m)));
    out.append(String.format(row, "quantization:", m.quantization()));
    out.append(String.format(row, "tokenizer:", m.tokenizer()));
    out.append(String.format(row, "vocabulary:", m.vocabularySize()));
    out.append(String.format(row, "embedding:", m.embeddingLength()));
    out.append(String.format(row, "layers:", m.blockCount()));
    out.append(String.format(row, "heads:", m.headCount()));
    out.append(String.format(row, "size:", ImagesCommand.size(m.size())));
    if (!m.sha256().isEmpty()) {
      out.append(String.format(row, "sha256:", m.sha256()));
      out.append(String.format(row, "added:", m.addedAt()));
    }
    out.append(String.format(row, "file:", m.file()));
    return out.toString();
  }
}
