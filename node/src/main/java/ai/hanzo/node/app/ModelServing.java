package ai.hanzo.node.app;

import ai.hanzo.node.config.NodeConfig;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.llama.LlamaEngine;
import ai.hanzo.node.inference.serving.LazyEngine;
import ai.hanzo.node.inference.upstream.UpstreamEngine;
import ai.hanzo.node.inference.upstream.UpstreamLimits;
import ai.hanzo.node.inference.serving.ModelServer;
import ai.hanzo.node.inference.serving.UploadLimits;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.runtime.image.RegistrySettings;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the node's model server over its data directory's model store and the llama.cpp engine. */
final class ModelServing {
  /**
   * Engine threads per slot: models generating at once. A model generates for at most its slots' worth of requests
   * at a time (its queue), so this bounds how many models compete for the cores, not how many requests are served.
   */
  static final int GENERATION_THREADS = 4;
  /** The engine's own queue only ever holds one generation per loaded model; this is a safety bound. */
  static final int ENGINE_QUEUE = 1024;
  private static final Logger log = LoggerFactory.getLogger(ModelServing.class);

  private ModelServing() {}

  static ModelServer create(NodeConfig config, Clock clock) {
    long budget = config.models().autoBudget() ? autoBudget() : config.models().memoryBudgetBytes();
    int cores = Runtime.getRuntime().availableProcessors();
    int parallel = config.models().parallelFor(cores);
    log.debug("model memory budget {} MiB, queue depth {} and {} sequences at once per model", budget >> 20,
        config.models().queueDepth(), parallel);
    ModelStore store = ModelStore.in(config.dataDir(), clock);
    // models are pulled from the registries images are, with the same insecure list and credentials
    OciModelPuller puller = new OciModelPuller(RegistrySettings.of(config.runtime().insecureRegistries(),
        config.runtime().registryAuthFile()), store, config.dataDir());
    return new ModelServer(store,
        new LazyEngine("llama.cpp", () -> new LlamaEngine(GENERATION_THREADS * parallel, ENGINE_QUEUE)),
        budget, config.models().queueDepth(), new LoadOptions(0, Math.min(cores, 1024), parallel), puller,
        Optional.of(new UpstreamEngine(UpstreamLimits.defaults(), System::getenv)),
        new UploadLimits(config.models().maxModelBytes(), UploadLimits.MAX_CONCURRENT,
            config.models().uploadIdleTimeout()));
  }

  /**
   * Half of the machine's memory (the container's limit, where the JDK sees one), so models leave room for the
   * node, its containers and the page cache their mapped weights live in.
   */
  static long autoBudget() {
    long total = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
    return Math.max(total / 2, 64L << 20);
  }
}
