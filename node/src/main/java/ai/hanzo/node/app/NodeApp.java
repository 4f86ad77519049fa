package ai.hanzo.node.app;

import ai.hanzo.node.api.ApiServers;
import ai.hanzo.node.api.ProbeService;
import ai.hanzo.node.config.NodeConfig;
import ai.hanzo.node.config.NodeVersion;
import ai.hanzo.node.lifecycle.ControllerState;
import ai.hanzo.node.lifecycle.Service;
import ai.hanzo.node.lifecycle.ServiceController;
import ai.hanzo.node.lifecycle.StartupException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every subsystem from its config record and hands them, in start order, to the
 * {@link ServiceController}. The only class that knows them all.
 */
public final class NodeApp {
  private static final Logger log = LoggerFactory.getLogger(NodeApp.class);

  private final NodeConfig config;
  private final NodeVersion version;
  private final ServiceController controller;
  private final ApiServers api;

  public NodeApp(NodeConfig config, NodeVersion version) {
    this.config = config;
    this.version = version;
    ProbeService probes = new ProbeService(this::ready);
    this.api = new ApiServers(config.api(), List.of(), probes::addTo);

    List<Service> services = new ArrayList<>();
    services.add(Service.of("data-dir", () -> Files.createDirectories(config.dataDir()), () -> {}));
    services.add(Service.of("api", api::start, api::stop));
    services.add(Service.of("ports-file",
        () -> PortsFile.write(config.dataDir(), boundPorts()), () -> PortsFile.delete(config.dataDir())));
    this.controller = new ServiceController(services);
  }

  public void start() throws StartupException {
    log.info("Starting {} ({}) with data directory {}", version.agent(), version.commit(),
        config.dataDir().toAbsolutePath());
    controller.start();
    log.info("Node ready: gRPC on {}, HTTP on {}", api.grpcPort(), api.httpPort());
  }

  /** Graceful, bounded, idempotent: stop accepting, drain calls, stop services in reverse order. */
  public void stop() {
    if (controller.state() == ControllerState.RUNNING) {
      log.info("Shutting down");
    }
    controller.stop();
  }

  public ControllerState state() {
    return controller.state();
  }

  public Map<String, Integer> boundPorts() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("grpc", api.grpcPort());
    ports.put("http", api.httpPort());
    return ports;
  }

  private boolean ready() {
    return controller.state() == ControllerState.RUNNING;
  }
}
