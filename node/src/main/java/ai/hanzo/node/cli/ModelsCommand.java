package ai.hanzo.node.cli;

import ai.hanzo.node.app.LocalNode;
import ai.hanzo.node.app.LoggingSetup;
import ai.hanzo.node.app.ModelSummary;
import ai.hanzo.node.app.OfflineModels;
import ai.hanzo.node.client.NodeClient;
import ai.hanzo.node.client.UpstreamSpec;
import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.Parsers;
import ai.hanzo.node.config.RuntimeConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code hanzo-node models pull|load|add-upstream|ls|inspect|rm}: the model store. Through the node's API when an
 * endpoint is given (--endpoint or HANZO_ENDPOINT) or a running node holds the data directory's lock, else on the
 * stopped node's data directory ({@link ClientOptions#nodeOrOffline}, as {@code images}). {@code load} through the
 * node sends the file's path, which the node reads itself: it takes it only from its own machine (the CLI that found
 * it by its data directory, or a loopback endpoint); a remote node gets models by {@code pull} from a registry.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "Pull, load, add upstream, list, inspect and remove GGUF models: through the running node's API, or on a "
        + "stopped node's data directory.",
    subcommands = {ModelsCommand.Pull.class, ModelsCommand.Load.class, ModelsCommand.AddUpstream.class,
        ModelsCommand.Ls.class,
        ModelsCommand.Inspect.class, ModelsCommand.Rm.class})
final class ModelsCommand implements Runnable {
  final Map<String, String> env;
  final Terminal terminal;

  @Spec CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Data directory of the node (env HANZO_DATA_DIR, default ./data); while a node runs on it, "
          + "its API is used.")
  String dataDir;

  @Mixin ClientOptions client = new ClientOptions();
  @ParentCommand HanzoNodeCommand parent;

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]", scope = ScopeType.INHERIT,
      description = "Registry to pull from over plain HTTP when no node runs; repeatable "
          + "(env HANZO_INSECURE_REGISTRIES).")
  List<String> insecureRegistries;

  @Option(names = "--registry-auth-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Registry credentials in docker/podman auth.json form when no node runs "
          + "(env HANZO_REGISTRY_AUTH_FILE).")
  String registryAuthFile;

  ModelsCommand(Map<String, String> env, Terminal terminal) {
    this.env = env;
    this.terminal = terminal;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  ModelSources open() {
    LoggingSetup.quietForCommandLine();
    ConfigSources sources = ConfigSources.of(env);
    Path dir = sources.resolve(NodeOptions.DATA_DIR, dataDir);
    ClientOptions fromParent = parent == null ? new ClientOptions() : parent.client;
    return client.nodeOrOffline(fromParent, env, dir, LocalNode::runsOn, ModelSources::remote, () -> {
      RuntimeConfig registries = new RuntimeConfig("runc", "",
          sources.resolveList(RuntimeOptions.INSECURE_REGISTRY, insecureRegistries),
          sources.resolve(RuntimeOptions.REGISTRY_AUTH_FILE, registryAuthFile));
      return ModelSources.offline(OfflineModels.open(dir), registries);
    });
  }

  @Command(name = "pull", mixinStandardHelpOptions = true,
      description = "Pull a GGUF model packaged as an OCI artifact from its registry (verified by digest).")
  static final class Pull implements Callable<Integer> {
    @ParentCommand ModelsCommand models;

    @Parameters(paramLabel = "REF", description = "[registry[:port]/]repository[:tag][@sha256:...]")
    String reference;

    @Option(names = "--name", paramLabel = "NAME",
        description = "The model's name (default: the repository's last path element).")
    String name;

    @Override
    public Integer call() {
      try (ModelSources store = models.open()) {
        ModelSummary model = store.pull(reference, Optional.ofNullable(name));
        models.terminal.out().println("pulled " + model.name() + " from " + reference + " (" + model.architecture()
            + ", " + model.quantization() + ", " + ImagesCommand.size(model.size()) + ")");
      }
      return 0;
    }
  }

  @Command(name = "load", mixinStandardHelpOptions = true, description = "Copy a GGUF file into the store: on a stopped node's data directory, or through the running"
          + " node of this machine, which reads the file itself (its GGUF header is checked before any copy).")
  static final class Load implements Callable<Integer> {
    @ParentCommand ModelsCommand models;

    @Parameters(paramLabel = "FILE", description = "The GGUF file.")
    Path file;

    @Option(names = "--name", paramLabel = "NAME",
        description = "The model's name (default: the file name without .gguf, lower-cased).")
    String name;

    @Override
    public Integer call() {
      try (ModelSources store = models.open()) {
        ModelSummary model = store.load(file, Optional.ofNullable(name));
        models.terminal.out().println("loaded " + model.name() + " (" + model.architecture() + ", "
            + model.quantization() + ", " + ImagesCommand.size(model.size()) + ")");
      }
      return 0;
    }
  }

  @Command(name = "add-upstream", mixinStandardHelpOptions = true,
      description = "Serve a model of an OpenAI-compatible server you run (vLLM, llama-server, mlx_lm.server) "
          + "through this node: its IAM, queue, usage and discovery (engine kind openai-upstream).")
  static final class AddUpstream implements Callable<Integer> {
    @ParentCommand ModelsCommand models;

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
    public Integer call() {
      // The node reads the key file itself, maybe from another working directory: pass it absolute.
      String file = apiKeyFile == null ? "" : Path.of(apiKeyFile).toAbsolutePath().toString();
      UpstreamSpec spec = new UpstreamSpec(name, url, upstreamModel == null ? name : upstreamModel, file,
          apiKeyEnv == null ? "" : apiKeyEnv, maxInFlight, millis("--connect-timeout", connectTimeout),
          millis("--headers-timeout", headersTimeout), millis("--idle-timeout", idleTimeout), contextLength);
      try (ModelSources store = models.open()) {
        ModelSummary model = store.addUpstream(spec);
        models.terminal.out().println("added " + model.name() + " (openai-upstream, " + url.strip() + ")");
      }
      return 0;
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
  static final class Ls implements Callable<Integer> {
    @ParentCommand ModelsCommand models;

    @Override
    public Integer call() {
      try (ModelSources store = models.open()) {
        String row = "%-40s %-12s %-12s %-10s %-8s %s%n";
        models.terminal.out().printf(row, "NAME", "ARCH", "PARAMETERS", "QUANT", "CONTEXT", "SIZE");
        for (ModelSummary m : store.list()) {
          models.terminal.out().printf(row, m.name(), m.architecture(), m.parameters(), m.quantization(),
              m.contextLength(), ImagesCommand.size(m.size()));
        }
      }
      return 0;
    }
  }

  @Command(name = "inspect", mixinStandardHelpOptions = true,
      description = "Show what a model's GGUF header says, without loading its weights.")
  static final class Inspect implements Callable<Integer> {
    @ParentCommand ModelsCommand models;

    @Parameters(paramLabel = "NAME|FILE", description = "A stored model's name, or a GGUF file.")
    String model;

    @Override
    public Integer call() throws IOException {
      ModelSummary m;
      if (Files.isRegularFile(Path.of(model))) {
        m = OfflineModels.inspectFile(Path.of(model));
      } else {
        try (ModelSources store = models.open()) {
          m = store.find(model);
        }
      }
      print(models.terminal.out(), m);
      return 0;
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove stored models by name.")
  static final class Rm implements Callable<Integer> {
    @ParentCommand ModelsCommand models;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "Model names as models ls shows them.")
    List<String> names;

    @Override
    public Integer call() {
      try (ModelSources store = models.open()) {
        for (String name : names) {
          store.remove(name);
          models.terminal.out().println("removed " + name);
        }
      }
      return 0;
    }
  }

  static void print(PrintStream out, ModelSummary m) {
    String row = "%-16s %s%n";
    out.printf(row, "name:", m.name());
    out.printf(row, "architecture:", m.architecture());
    out.printf(row, "parameters:", m.parameters());
    out.printf(row, "context length:", m.contextLength());
    out.printf(row, "quantization:", m.quantization());
    out.printf(row, "tokenizer:", m.tokenizer());
    out.printf(row, "vocabulary:", m.vocabularySize());
    out.printf(row, "embedding:", m.embeddingLength());
    out.printf(row, "layers:", m.blockCount());
    out.printf(row, "heads:", m.headCount());
    out.printf(row, "size:", ImagesCommand.size(m.size()));
    if (!m.sha256().isEmpty()) {
      out.printf(row, "sha256:", m.sha256());
      out.printf(row, "added:", m.addedAt());
    }
    out.printf(row, "file:", m.file());
  }
}
