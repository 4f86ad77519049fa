package ai.hanzo.libp2p.host.protocol.perf;

import java.time.Duration;

/**
 * One perf run as the client saw it.
 *
 * @param upload from the first write to the first downloaded byte (or the server's EOF when
 *     nothing was asked back): the server answers only after reading the whole upload
 * @param download from there to the server's EOF
 */
public record PerfResult(long uploadBytes, long downloadBytes, Duration upload, Duration download) {
  /** Megabits per second for {@code bytes} in {@code time}; 0 for no time. */
  public static double mbps(long bytes, Duration time) {
    long nanos = time.toNanos();
    return nanos == 0 ? 0 : bytes * 8.0 / nanos * 1_000;
  }

  public double uploadMbps() {
    return mbps(uploadBytes, upload);
  }

  public double downloadMbps() {
    return mbps(downloadBytes, download);
  }
}
