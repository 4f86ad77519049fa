package ai.hanzo.node.app;

import ai.hanzo.node.config.NodeConfig;
import ai.hanzo.node.config.NodeVersion;
import ai.hanzo.node.config.RemoteBindRule;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.lifecycle.ControllerState;
import ai.hanzo.node.lifecycle.ServiceController;
import ai.hanzo.node.lifecycle.StartupException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root, in two phases: {@link #start()} first opens the node's storage ({@link NodeStorage}: the
 * data directory's lock, the database, the identity check), then builds every subsystem over it
 * ({@link NodeServices}) and hands the services, in start order, to the {@link ServiceController}, which closes the
 * storage after the last of them stopped. The only class that knows them all.
 */
public final class NodeApp {
  private static final Logger log = LoggerFactory.getLogger(NodeApp.class);

  private final NodeConfig config;
  private final NodeVersion version;
  private final EventBus events = new EventBus();
  private volatile NodeServices services;
  private volatile ServiceController controller;
  private volatile boolean failedBeforeServices;

  /**
   * Checks the config only; nothing is opened until {@link #start()}.
   *
   * @throws ai.hanzo.node.config.ConfigException when the API would listen beyond loopback without IAM and without
   *     {@code insecureAllowRemote}
   */
  public NodeApp(NodeConfig config, NodeVersion version) {
    RemoteBindRule.check(config.iam().enabled(), config.api().insecureAllowRemote(),
        List.of(config.api().grpcAddr(), config.api().httpAddr()));
    this.config = config;
    this.version = version;
  }

  /**
   * Opens the storage, builds the node over it and starts its services; once only.
   *
   * @throws DataDirUnusableException when the data directory cannot be used (held by another node, a damaged
   *     database, a lost identity key); nothing was built or left open
   * @throws StartupException when a service failed to start; the started ones stopped and the storage closed
   */
  public synchronized void start() throws StartupException {
    if (services != null || failedBeforeServices) {
      throw new IllegalStateException("already started once");
    }
    log.info("Starting {} ({}) with data directory {}", version.agent(), version.commit(),
        config.dataDir().toAbsolutePath());
    NodeStorage storage;
    try {
      storage = NodeStorage.open(config);
    } catch (RuntimeException e) {
      failedBeforeServices = true;
      throw e;
    }
    try {
      services = new NodeServices(config, version, storage, events, this::state);
    } catch (RuntimeException e) {
      failedBeforeServices = true;
      storage.close();
      throw e;
    }
    controller = new ServiceController(services.inStartOrder(), storage);
    controller.start();
    log.info("Node ready: gRPC on {}, HTTP on {}, libp2p on {} as {}", boundPorts().get("grpc"),
        boundPorts().get("http"), boundPorts().get("p2p"), services.peerId());
  }

  /** Graceful, bounded, idempotent: stop accepting, drain calls, stop services in reverse order, close storage. */
  public void stop() {
    ServiceController running = controller;
    if (running == null) {
      return;
    }
    if (running.state() == ControllerState.RUNNING) {
      log.info("Shutting down");
    }
    running.stop();
  }

  public ControllerState state() {
    ServiceController running = controller;
    if (running != null) {
      return running.state();
    }
    return failedBeforeServices ? ControllerState.FAILED : ControllerState.NEW;
  }

  /** @throws IllegalStateException before the services were built, or while a server is not listening */
  public Map<String, Integer> boundPorts() {
    NodeServices built = services;
    if (built == null) {
      throw new IllegalStateException("the node has not started");
    }
    return built.boundPorts();
  }

  public EventBus events() {
    return events;
  }
}
