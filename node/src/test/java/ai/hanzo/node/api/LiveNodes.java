package ai.hanzo.node.api;

import ai.hanzo.node.api.v1.RemoveRequest;
import ai.hanzo.node.app.IamNodeFixture;
import ai.hanzo.node.app.NodeApp;
import ai.hanzo.node.config.ApiConfig;
import ai.hanzo.node.config.HostPort;
import ai.hanzo.node.config.IamConfig;
import ai.hanzo.node.config.LogFormat;
import ai.hanzo.node.config.LogLevel;
import ai.hanzo.node.config.LoggingConfig;
import ai.hanzo.node.config.NodeConfig;
import ai.hanzo.node.config.NodeVersion;
import ai.hanzo.node.config.P2pConfig;
import ai.hanzo.node.config.RuntimeConfig;
import ai.hanzo.node.config.StorageConfig;
import ai.hanzo.node.config.StreamLimits;
import ai.hanzo.node.config.TlsConfig;
import ai.hanzo.node.p2p.NodeIdentity;
import ai.hanzo.node.storage.RoleBindingRecord;
import ai.hanzo.node.storage.RoleRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Two real nodes in this JVM, composed as {@code hanzo-node run} composes them (storage, the {@code process} runtime,
 * libp2p, IAM): {@code main} with IAM on, and {@code peer} without IAM, bootstrapped to main over loopback libp2p.
 * Main's IAM makes peer's libp2p identity an admin, so commands peer signs are executed by main. Started once for
 * the whole test run (the scenario classes share it through {@link Extension}) and stopped at its end.
 */
final class LiveNodes implements ExtensionContext.Store.CloseableResource {
  static final String MAIN_ID = "main-node";
  static final String PEER_ID = "peer-node";
  private static final Duration GOSSIP_INTERVAL = Duration.ofSeconds(1);

  final Path root;
  final String adminKey;
  final String viewerKey;
  /** Operators and a viewer of two organisations, for the tenancy scenarios. */
  final String acmeKey;
  final String globexKey;
  final String acmeViewerKey;
  /** Auditors of one organisation each: a custom role with admin:read only, so confined to their org. */
  final String acmeAuditorKey;
  final String globexAuditorKey;
  final String mainPeerId;
  final String peerPeerId;
  private NodeApp main;
  private NodeApp peer;

  private LiveNodes(Path root) throws Exception {
    this.root = root;
    Path mainDir = root.resolve("main");
    Path peerDir = root.resolve("peer");
    mainPeerId = NodeIdentity.loadOrCreate(mainDir).peerId().toString();
    peerPeerId = NodeIdentity.loadOrCreate(peerDir).peerId().toString();
    IamNodeFixture.withDatabase(mainDir, db -> {
      db.roles().putBinding(new RoleBindingRecord("peer:" + peerPeerId, List.of("admin")));
      db.roles().putRole(new RoleRecord("org-auditor", List.of("admin:read"), List.of()));
      return null;
    });
    adminKey = IamNodeFixture.createKey(mainDir, "admin", null);
    viewerKey = IamNodeFixture.createKey(mainDir, "viewer", null);
    acmeKey = IamNodeFixture.createKey(mainDir, "operator", "acme", null);
    globexKey = IamNodeFixture.createKey(mainDir, "operator", "globex", null);
    acmeViewerKey = IamNodeFixture.createKey(mainDir, "viewer", "acme", null);
    acmeAuditorKey = IamNodeFixture.createKey(mainDir, "org-auditor", "acme", null);
    globexAuditorKey = IamNodeFixture.createKey(mainDir, "org-auditor", "globex", null);
    try {
      main = start(config(MAIN_ID, mainDir, List.of(), IamNodeFixture.iamConfig(100_000)));
      String bootstrap = "/ip4/127.0.0.1/tcp/" + main.boundPorts().get("p2p") + "/p2p/" + mainPeerId;
      peer = start(config(PEER_ID, peerDir, List.of(bootstrap), IamConfig.disabled()));
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private static NodeConfig config(String nodeId, Path dataDir, List<String> bootstrap, IamConfig iam) {
    return config(nodeId, dataDir, bootstrap, iam, StreamLimits.DEFAULT);
  }

  /** A node as the scenarios run it: loopback, the {@code process} runtime, quiet logs. */
  static NodeConfig config(String nodeId, Path dataDir, List<String> bootstrap, IamConfig iam,
      StreamLimits streamLimits) {
    return new NodeConfig(nodeId, dataDir, "43113", "", false,
        new ApiConfig(new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 0), Duration.ofSeconds(1), false,
            TlsConfig.NONE, streamLimits),
        new P2pConfig("/ip4/127.0.0.1/tcp/0", bootstrap, false, List.of(), P2pConfig.DEFAULT_MAX_PEERS, true, true,
            GOSSIP_INTERVAL, GOSSIP_INTERVAL),
        new StorageConfig(Duration.ofHours(1)), new LoggingConfig(LogLevel.WARN, LogFormat.TEXT, false), iam,
        new RuntimeConfig("process", ""));
  }

  static NodeApp start(NodeConfig config) throws Exception {
    NodeApp app = new NodeApp(config, new NodeVersion("7.7.7-scenarios", "test"));
    try {
      app.start();
    } catch (Exception | Error e) {
      app.stop();
      throw e;
    }
    return app;
  }

  /** Main's gRPC address as a client URI. */
  String mainGrpcUri() {
    return "http://127.0.0.1:" + main.boundPorts().get("grpc");
  }

  /** Main's HTTP address as a client URI. */
  String mainHttpUri() {
    return "http://127.0.0.1:" + main.boundPorts().get("http");
  }

  /** Main over {@code wire}, as its admin. */
  Transport main(Wire wire) {
    return wire.connect(main, adminKey);
  }

  /** Main over {@code wire}, as a viewer (read-only role). */
  Transport mainAsViewer(Wire wire) {
    return wire.connect(main, viewerKey);
  }

  /** Main over {@code wire} with the API key {@code apiKey} (e.g. {@link #acmeKey}). */
  Transport main(Wire wire, String apiKey) {
    return wire.connect(main, apiKey);
  }

  /** The running main node, for what the transports do not cover (WebSockets, Prometheus). */
  NodeApp mainNode() {
    return main;
  }

  /** Main over {@code wire} without credentials. */
  Transport unauthenticated(Wire wire) {
    return wire.connect(main, null);
  }

  /** Peer over {@code wire} (no IAM there). */
  Transport peer(Wire wire) {
    return wire.connect(peer, null);
  }

  /** Removes what the scenarios may have left (process containers outlive their node), then stops both nodes. */
  @Override
  public void close() {
    for (NodeApp app : new NodeApp[] {main, peer}) {
      if (app == null) {
        continue;
      }
      try {
        Transport t = Wire.GRPC.connect(app, app == main ? adminKey : null);
        t.uncordon();
        t.deployments().getDeploymentsList().forEach(d ->
            t.remove(RemoveRequest.newBuilder().setDeploymentId(d.getDeploymentId()).build()));
      } catch (RuntimeException e) {
        // stopping matters more than tidying
      } finally {
        app.stop();
      }
    }
    deleteRecursively(root);
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Both transports of the API; every scenario runs once per constant. */
  enum Wire {
    GRPC, HTTP;

    Transport connect(NodeApp app, String apiKey) {
      return switch (this) {
        case GRPC -> new GrpcTransport("http://127.0.0.1:" + app.boundPorts().get("grpc"), apiKey);
        case HTTP -> new HttpTransport("http://127.0.0.1:" + app.boundPorts().get("http"), apiKey);
      };
    }

    /** A name unique per transport, so the runs of one scenario do not meet. */
    String id(String base) {
      return base + "-" + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Resolves a {@link LiveNodes} parameter (e.g. of a test class constructor) to the run's one instance. */
  static final class Extension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LiveNodes.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == LiveNodes.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(LiveNodes.class, k -> {
        try {
          return new LiveNodes(Files.createTempDirectory("hanzo-scenarios"));
        } catch (Exception e) {
          throw new IllegalStateException("starting the scenario nodes failed", e);
        }
      }, LiveNodes.class);
    }
  }
}
