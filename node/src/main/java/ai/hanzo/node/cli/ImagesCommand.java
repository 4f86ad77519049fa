package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import ai.hanzo.node.app.LoggingSetup;
import ai.hanzo.node.app.OfflineImages;
import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.RuntimeConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/**
 * {@code hanzo-node images ls|pull|rm|load}: the runc image store. Through the node's admin API when an endpoint is
 * given (--endpoint or HANZO_ENDPOINT) or a running node holds the data directory's lock; otherwise on the stopped
 * node's data directory, whose lock keeps a node from starting meanwhile.
 */
@Command(name = "images", mixinStandardHelpOptions = true,
    description = "List, pull, remove and load images of the runc runtime: through the running node's API, or on "
        + "a stopped node's data directory.",
    subcommands = {ImagesCommand.Ls.class, ImagesCommand.Pull.class, ImagesCommand.Rm.class,
        ImagesCommand.Load.class})
final class ImagesCommand implements Runnable {
  final Map<String, String> env;
  final Terminal terminal;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Data directory of the node (env HANZO_DATA_DIR, default ./data); while a node runs on it, "
          + "its API is used.")
  String dataDir;

  @picocli.CommandLine.Mixin ClientOptions client = new ClientOptions();
  @picocli.CommandLine.ParentCommand HanzoNodeCommand parent;

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]", scope = ScopeType.INHERIT,
      description = "Registry to pull from over plain HTTP; repeatable (env HANZO_INSECURE_REGISTRIES).")
  List<String> insecureRegistries;

  @Option(names = "--registry-auth-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Registry credentials in docker/podman auth.json form (env HANZO_REGISTRY_AUTH_FILE).")
  String registryAuthFile;

  ImagesCommand(Map<String, String> env, Terminal terminal) {
    this.env = env;
    this.terminal = terminal;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  ImageSources open() {
    LoggingSetup.quietForCommandLine();
    ConfigSources sources = ConfigSources.of(env);
    Path dir = sources.resolve(NodeOptions.DATA_DIR, dataDir);
    ClientOptions fromParent = parent == null ? new ClientOptions() : parent.client;
    return client.nodeOrOffline(fromParent, env, dir, OfflineImages::nodeRunsOn, ImageSources::remote, () -> {
      RuntimeConfig config = new RuntimeConfig("runc", "",
          sources.resolveList(RuntimeOptions.INSECURE_REGISTRY, insecureRegistries),
          sources.resolve(RuntimeOptions.REGISTRY_AUTH_FILE, registryAuthFile));
      return ImageSources.offline(OfflineImages.open(dir, config));
    });
  }

  @Command(name = "ls", mixinStandardHelpOptions = true, description = "List stored images.")
  static final class Ls implements Callable<Integer> {
    @ParentCommand ImagesCommand images;

    @Override
    public Integer call() {
      try (ImageSources store = images.open()) {
        images.terminal.out().printf("%-48s %-14s %-73s %s%n", "NAME", "IMAGE ID", "DIGEST", "SIZE");
        for (ImageSources.Row image : store.list()) {
          images.terminal.out().printf("%-48s %-14s %-73s %s%n", image.name(), image.id(), image.digest(),
              size(image.size()));
        }
      }
      return 0;
    }
  }

  @Command(name = "pull", mixinStandardHelpOptions = true,
      description = "Pull an image from its registry (verified by digest) and unpack it.")
  static final class Pull implements Callable<Integer> {
    @ParentCommand ImagesCommand images;

    @Parameters(paramLabel = "IMAGE", description = "[registry[:port]/]repository[:tag][@sha256:...]")
    String name;

    @Override
    public Integer call() {
      try (ImageSources store = images.open()) {
        ImageSources.Row image = store.pull(name);
        images.terminal.out().println("pulled " + image.name() + " " + image.digest() + " (" + size(image.size())
            + ")");
      }
      return 0;
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true,
      description = "Remove images by name; layers no other image uses are deleted.")
  static final class Rm implements Callable<Integer> {
    @ParentCommand ImagesCommand images;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image names as images ls shows them.")
    List<String> names;

    @Override
    public Integer call() {
      try (ImageSources store = images.open()) {
        for (String name : names) {
          store.remove(name);
          images.terminal.out().println("removed " + name);
        }
      }
      return 0;
    }
  }

  @Command(name = "load", mixinStandardHelpOptions = true,
      description = "Load the images of an OCI image layout tar or a 'docker save' tar.")
  static final class Load implements Callable<Integer> {
    @ParentCommand ImagesCommand images;

    @Parameters(paramLabel = "FILE", description = "The archive.")
    Path file;

    @Option(names = "--name", paramLabel = "IMAGE",
        description = "Name for the archive's only image (needed when the archive names none).")
    String name;

    @Override
    public Integer call() {
      try (ImageSources store = images.open()) {
        for (String loaded : store.load(file, Optional.ofNullable(name))) {
          images.terminal.out().println("loaded " + loaded);
        }
      }
      return 0;
    }
  }

  static String size(long bytes) {
    if (bytes < 1024 * 1024) {
      return String.format("%.1f kB", bytes / 1024.0);
    }
    return String.format("%.1f MB", bytes / (1024.0 * 1024));
  }
}
