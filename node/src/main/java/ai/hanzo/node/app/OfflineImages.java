package ai.hanzo.node.app;

import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.config.RuntimeConfig;
import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import ai.hanzo.node.runtime.image.ImageFormatException;
import ai.hanzo.node.runtime.image.ImageRecord;
import ai.hanzo.node.runtime.image.LocalImageStore;
import ai.hanzo.node.runtime.image.StoredImage;
import ai.hanzo.node.storage.DataDirLock;
import ai.hanzo.node.storage.StorageErrorCode;
import ai.hanzo.node.storage.StorageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The image store of a stopped node, on its data directory: {@code hanzo-node images}. Holds the data-directory
 * lock like {@link OfflineKeyAdmin}, so it never races a running node's pulls. Malformed names are
 * {@link ConfigException}s (usage errors); what registries and archives get wrong stays a runtime error.
 */
public final class OfflineImages implements AutoCloseable {
  private final DataDirLock lock;
  private final LocalImageStore store;

  private OfflineImages(DataDirLock lock, LocalImageStore store) {
    this.lock = lock;
    this.store = store;
  }

  public static OfflineImages open(Path dataDir, RuntimeConfig config) {
    DataDirLock lock = DataDirLock.acquire(dataDir);
    try {
      return new OfflineImages(lock, RuntimeSelection.images(config, dataDir));
    } catch (ContainerRuntimeException e) {
      lock.close();
      throw new ConfigException(e.getMessage());
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** Whether a running node holds the data directory's lock (then its API, not this class, manages images). */
  public static boolean nodeRunsOn(Path dataDir) {
    try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
      return false;
    } catch (StorageException e) {
      if (e.code() == StorageErrorCode.LOCKED) {
        return true;
      }
      throw e;
    }
  }

  public List<ImageSummary> list() {
    return store.images().stream().sorted(java.util.Comparator.comparing(ImageRecord::name))
        .map(OfflineImages::summary).toList();
  }

  public ImageSummary pull(String name) {
    StoredImage image = usage(() -> store.pull(name));
    return summary(new ImageRecord(image.reference().familiar(), image.record().manifest(), image.record().config(),
        image.record().size()));
  }

  public void remove(String name) {
    usage(() -> {
      store.remove(name);
      return null;
    });
  }

  /** Loads an OCI-layout or docker-save archive; {@code name} names (or renames) its only image. */
  public List<String> load(Path archive, Optional<String> name) {
    return usage(() -> store.load(archive, name));
  }

  private static <T> T usage(Supplier<T> call) {
    try {
      return call.get();
    } catch (ImageFormatException e) {
      throw e;
    } catch (ContainerRuntimeException e) {
      if (e.code() == RuntimeErrorCode.INVALID_SPEC) {
        throw new ConfigException(e.getMessage().substring((e.code() + ": ").length()));
      }
      throw e;
    }
  }

  private static ImageSummary summary(ImageRecord record) {
    return new ImageSummary(record.name(), record.manifest().toString(), record.config().hex().substring(0, 12),
        record.size());
  }

  @Override
  public void close() {
    lock.close();
  }
}
