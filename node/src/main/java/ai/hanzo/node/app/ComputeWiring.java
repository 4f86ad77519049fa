package ai.hanzo.node.app;

import ai.hanzo.node.compute.ContainerMetrics;
import ai.hanzo.node.compute.DeploymentRequest;
import ai.hanzo.node.compute.ReplicaSpecs;
import ai.hanzo.node.storage.ComputeUsageLog;
import ai.hanzo.node.usage.ComputeMeter;
import ai.hanzo.node.usage.ContainerSample;
import ai.hanzo.node.storage.MetricsHistory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ai.hanzo.node.compute.ComputeEngine;
import ai.hanzo.node.compute.ComputeSettings;
import ai.hanzo.node.compute.ImageCatalog;
import ai.hanzo.node.runtime.ImageStore;
import ai.hanzo.node.runtime.runc.RuncRuntime;
import java.util.Optional;
import ai.hanzo.node.compute.Orchestrator;
import ai.hanzo.node.compute.ProcessBudget;
import ai.hanzo.node.config.NodeConfig;
import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.lifecycle.Service;
import ai.hanzo.node.metrics.HealthCheck;
import ai.hanzo.node.metrics.HealthLevel;
import ai.hanzo.node.runtime.Availability;
import ai.hanzo.node.runtime.ContainerRuntime;
import ai.hanzo.node.storage.ConfigStore;
import ai.hanzo.node.storage.DeploymentStore;
import java.time.Clock;
import java.util.Map;
import java.util.Random;

/** The compute engine over the configured runtime, its lifecycle service and its "runtime" health check. */
final class ComputeWiring {
  private static final Logger log = LoggerFactory.getLogger(ComputeWiring.class);
  private final ContainerRuntime runtime;
  private final Orchestrator orchestrator;
  private final ContainerMetrics containerMetrics;
  private final ComputeMeter meter;
  /** How often cpu, memory and pids of every container are sampled (each runc sample runs runc once). */
  private final Duration sampleInterval;
  private ScheduledExecutorService sampler;
  private final Clock clock;
  /** How often nvidia-smi runs again: GPUs rarely come and go, but a driver may be installed while the node runs. */
  private static final Duration GPU_REFRESH = Duration.ofMinutes(1);
  private final NodeGpus gpus = new NodeGpus(ai.hanzo.node.p2p.gpu.GpuDetector.forThisHost());

  /**
   * @param runtime the runtime {@link #selectRuntime} chose; from here on this wiring owns it and its service
   *     closes it
   */
  ComputeWiring(NodeConfig config, ContainerRuntime runtime, EventBus events, DeploymentStore deployments,
      ConfigStore settings, MetricsHistory history, ComputeUsageLog usage, MeterRegistry meters, String nodeId,
      Clock clock) {
    this.runtime = runtime;
    ComputeSettings defaults = ComputeSettings.defaults(config.dataDir());
    ProcessBudget processes = ProcessBudget.of(config.runtime().maxProcesses(), config.runtime().defaultPidsLimit());
    log.info("Process budget: {} processes for all replicas together (a replica without a pids limit of its own"
        + " counts {})", processes.maxProcesses(), Math.max(1, processes.defaultPidsPerReplica()));
    this.orchestrator = new Orchestrator(runtime, deployments, settings, events, nodeId,
        new ComputeSettings(defaults.volumesDir(), defaults.stopGrace(), defaults.reconcileInterval(),
            defaults.capacity().withProcesses(processes), gpus), clock, new Random());
    this.containerMetrics = new ContainerMetrics(runtime, nodeId, history, meters, clock);
    this.meter = new ComputeMeter(usage, meters);
    this.sampleInterval = config.runtime().sampleInterval();
    this.clock = clock;
    // A removed container's last interval (up to one sample interval) is metered at its removal.
    orchestrator.beforeRemove(id -> containerMetrics.lastReading(id).ifPresent(r ->
        meter.removed(sampleOf(r, clock.instant()))));
  }

  /** The runtime {@code --runtime} names (probing the host when auto); its warnings become container events. */
  static ContainerRuntime selectRuntime(NodeConfig config, EventBus events, Clock clock) {
    return RuntimeSelection.select(config.runtime(), config.dataDir(), (containerId, message) ->
        events.publish(new DomainEvent(clock.instant(), "container.warning", "container", containerId, message,
            Map.of())));
  }

  ContainerRuntime runtime() {
    return runtime;
  }

  NodeGpus gpus() {
    return gpus;
  }

  Orchestrator orchestrator() {
    return orchestrator;
  }

  /** The engine's faces for the API, with the runc runtime's image store when that is the runtime. */
  ComputeEngine engine() {
    Optional<ImageStore> images = runtime instanceof RuncRuntime runc ? Optional.of(runc.images())
        : Optional.empty();
    return orchestrator.engine().withImages(new ImageCatalog(images, runtime.name()));
  }

  /** Starts reconciling; stops the loop, then releases the runtime (containers keep running). */
  Service service() {
    return Service.of("compute", () -> {
      gpus.refresh(); // before the first deployment is admitted; start-up runs off any event loop
      orchestrator.start();
      sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "container-metrics");
        t.setDaemon(true);
        return t;
      });
      sampler.scheduleWithFixedDelay(this::sampleContainers, sampleInterval.toMillis(), sampleInterval.toMillis(),
          TimeUnit.MILLISECONDS);
      sampler.scheduleWithFixedDelay(gpus::refresh, GPU_REFRESH.toMillis(), GPU_REFRESH.toMillis(),
          TimeUnit.MILLISECONDS);
    }, () -> {
      if (sampler != null) {
        sampler.shutdownNow();
        try {
          sampler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        // The containers outlive the node: meter up to now, so the time since the last sample is not left to a
        // start that may never come; the next start takes up each interval from here, counting nothing twice.
        sampleContainers();
      }
      orchestrator.close();
      runtime.close();
    });
  }

  private void sampleContainers() {
    try {
      ContainerMetrics.Sample sample = containerMetrics.sample();
      meter.record(sample.readings().stream().map(r -> sampleOf(r, sample.at())).toList(), sample.present());
    } catch (RuntimeException e) {
      log.warn("Sampling containers for metrics and usage failed: {}", e.toString());
    }
  }

  private static ContainerSample sampleOf(ContainerMetrics.Reading r, Instant now) {
    return new ContainerSample(r.container().id(), r.container().labels().get(DeploymentRequest.ORG_LABEL),
        r.replica().deploymentId(), r.replica().service(), r.replica().replica(), r.container().startedAt(),
        readAt(r, now), r.container().running(), r.stats().cpuNanos(), r.stats().memoryBytes(), gpusOf(r),
        r.stats().rxBytes(), r.stats().txBytes());
  }

  /**
   * The GPUs assigned to a reading's container: the orchestrator labels every replica with its assignment
   * ({@link ReplicaSpecs#GPUS_LABEL}, comma-separated indexes) and replaces a replica whose assignment changes, so the
   * label holds for the container's whole life.
   */
  private static int gpusOf(ContainerMetrics.Reading r) {
    String gpus = r.container().labels().getOrDefault(ReplicaSpecs.GPUS_LABEL, "");
    return (int) java.util.Arrays.stream(gpus.split(",")).filter(g -> !g.isBlank()).count();
  }

  /** When a reading's counters stood: now for a running container, when it stopped for one that did. */
  private static Instant readAt(ContainerMetrics.Reading r, Instant now) {
    Instant finished = r.container().finishedAt();
    return r.container().running() || finished == null || finished.isAfter(now) ? now : finished;
  }

  HealthCheck healthCheck() {
    return new HealthCheck() {
      @Override
      public String name() {
        return "runtime";
      }

      @Override
      public Result check() {
        Availability a = runtime.available();
        return new Result(a.available() ? HealthLevel.HEALTHY : HealthLevel.UNHEALTHY,
            runtime.name() + ": " + a.reason());
      }
    };
  }
}
