package ai.hanzo.node.app;

import ai.hanzo.node.config.NodeConfig;
import ai.hanzo.node.config.NodeVersion;
import ai.hanzo.node.config.RemoteBindRule;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.lifecycle.ControllerState;
import ai.hanzo.node.lifecycle.ServiceController;
import ai.hanzo.node.lifecycle.StartupException;
import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.storage.DataDirLock;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root, in two phases: {@link #start()} first opens the node's storage ({@link NodeStorage}: the
 * data directory's lock, the database, the identity check) while the container runtime is probed, then builds every subsystem over it
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
    CompletableFuture<ContainerRuntime> runtime;
    try {
      DataDirLock lock = NodeStorage.lock(config);
      // The runtime probe (runc, Docker, overlay support) and the database's opening mostly wait on processes and
      // the disk: side by side, a start waits for the longer of the two instead of both.
      runtime = CompletableFuture.supplyAsync(() -> ComputeWiring.selectRuntime(config, events, Clock.systemUTC()),
          command -> daemon("runtime-probe", command).start());
      try {
        storage = NodeStorage.open(config, lock);
      } catch (RuntimeException e) {
        runtime.thenAccept(ContainerRuntime::close);
        throw e;
      }
    } catch (RuntimeException e) {
      failedBeforeServices = true;
      throw e;
    }
    try {
      services = new NodeServices(config, version, storage, joined(runtime), events, this::state);
    } catch (RuntimeException e) {
      failedBeforeServices = true;
      runtime.thenAccept(ContainerRuntime::close);
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

  /** The probe's runtime, or the probe's own exception (a runtime that cannot be used is a configuration error). */
  private static ContainerRuntime joined(CompletableFuture<ContainerRuntime> runtime) {
    try {
      return runtime.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}
