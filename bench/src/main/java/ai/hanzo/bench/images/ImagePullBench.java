package ai.hanzo.bench.images;

import ai.hanzo.node.runtime.image.ImageReference;
import ai.hanzo.node.runtime.image.LocalImageStore;
import ai.hanzo.node.runtime.image.PlatformSelector;
import ai.hanzo.node.runtime.image.RegistrySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Pull time of one image from a registry: cold (a fresh image store: manifest, blobs, digest checks, unpacking) and
 * warm (the same store again: only the manifest is fetched, blobs and rootfs are reused). Medians of N runs.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar ai.hanzo.bench.images.ImagePullBench IMAGE [runs]}, e.g.
 * with a loopback registry seeded by {@code skopeo copy}: {@code 127.0.0.1:5000/busybox:1} (plain HTTP is assumed
 * for the image's registry).
 */
public final class ImagePullBench {
  private ImagePullBench() {}

  public static void main(String[] args) throws Exception {
    String image = args[0];
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    RegistrySettings settings = RegistrySettings.DEFAULTS.withInsecure(Set.of(ImageReference.parse(image)
        .registry()));
    Path root = Files.createTempDirectory("pull-bench");
    List<Long> cold = new ArrayList<>();
    List<Long> warm = new ArrayList<>();
    for (int i = 0; i < runs + 1; i++) {
      LocalImageStore store = LocalImageStore.pulling(root.resolve("run" + i), settings, PlatformSelector.host());
      long start = System.nanoTime();
      store.pull(image);
      long coldNanos = System.nanoTime() - start;
      start = System.nanoTime();
      store.pull(image);
      long warmNanos = System.nanoTime() - start;
      if (i > 0) { // the first run warms the JIT and the registry's caches
        cold.add(coldNanos / 1_000);
        warm.add(warmNanos / 1_000);
      }
      store.remove(image);
    }
    ai.hanzo.node.runtime.host.ContainerDirectories.deleteTree(root);
    System.out.printf("%s over %d runs: cold pull median %.1f ms (min %.1f, max %.1f); warm pull median %.1f ms "
        + "(min %.1f, max %.1f)%n", image, runs, median(cold), min(cold), max(cold), median(warm), min(warm),
        max(warm));
  }

  private static double median(List<Long> micros) {
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2) / 1000.0;
  }

  private static double min(List<Long> micros) {
    return Collections.min(micros) / 1000.0;
  }

  private static double max(List<Long> micros) {
    return Collections.max(micros) / 1000.0;
  }
}
