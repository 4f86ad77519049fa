package ai.hanzo.node.app;

import com.linecorp.armeria.common.Flags;
import com.linecorp.armeria.common.grpc.GrpcSerializationFormats;
import com.linecorp.armeria.server.grpc.HttpJsonTranscodingOptions;
import java.util.List;
import org.rocksdb.RocksDB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;

/**
 * Runs the slowest one-time initialisations of a node start on background threads, so that they overlap with the
 * rest of start-up instead of running one after another on the main thread. Each is a static initialisation the
 * node performs anyway (native libraries, Armeria's flags, gRPC formats and JSON marshallers, OSHI's probes); when
 * the main thread reaches one first it waits on the JVM's class-initialisation lock, so nothing runs twice. A
 * failure here changes nothing: it is logged at debug level and the real code path reports it when it gets there.
 */
public final class StartupWarmup {
  private static final Logger log = LoggerFactory.getLogger(StartupWarmup.class);

  private StartupWarmup() {}

  /** Starts the warm-up threads and returns at once. */
  public static void start() {
    // Two threads: the JSON marshallers alone take as long as the native libraries together.
    thread("warmup-json", List.of(HttpJsonTranscodingOptions::of));
    // Armeria's Flags (read by its first event loop group) probe the transports and load Netty's epoll library.
    thread("warmup-native", List.of(RocksDB::loadLibrary, Flags::transportType, GrpcSerializationFormats::values,
        org.conscrypt.Conscrypt::isAvailable,
        () -> new SystemInfo().getHardware().getProcessor().getSystemCpuLoadTicks()));
  }

  private static void thread(String name, List<Runnable> steps) {
    Thread thread = new Thread(() -> steps.forEach(StartupWarmup::quietly), name);
    thread.setDaemon(true);
    thread.setPriority(Thread.NORM_PRIORITY - 1);
    thread.start();
  }

  private static void quietly(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | LinkageError e) {
      log.debug("start-up warm-up step failed (the node reports it where it matters): {}", e.toString());
    }
  }
}
