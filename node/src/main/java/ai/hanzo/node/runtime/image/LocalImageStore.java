package ai.hanzo.node.runtime.image;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.ImageStore;
import ai.hanzo.node.runtime.ImageSummary;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The node's images under {@code <data-dir>/images}: content-addressed blobs, one unpacked rootfs per image config,
 * and name records. Images arrive by registry pull, by loading an OCI-layout or {@code docker save} archive, or
 * from a plain rootfs tar; all three end as a manifest blob, so they are listed, run and removed alike.
 * Pulls and loads share a read lock; removal (which collects unreferenced blobs) takes the write lock, so it never
 * deletes what a pull in flight just fetched.
 */
public final class LocalImageStore implements ImageStore {
  private final BlobStore blobs;
  private final ImageRecords records;
  private final RootfsBuilder rootfs;
  private final Optional<ImagePuller> puller;
  private final ArchiveLoader archives;
  private final ReadWriteLock gc = new ReentrantReadWriteLock();

  /** A store that never reaches a registry: images come only from archives and rootfs tars. */
  public static LocalImageStore offline(Path root) {
    return new LocalImageStore(root, Optional.empty(), PlatformSelector.host());
  }

  /** A store that pulls what it lacks from registries, as {@code settings} say. */
  public static LocalImageStore pulling(Path root, RegistrySettings settings, PlatformSelector platform) {
    return new LocalImageStore(root, Optional.of(settings), platform);
  }

  private LocalImageStore(Path root, Optional<RegistrySettings> settings, PlatformSelector platform) {
    this.blobs = new BlobStore(root);
    this.records = new ImageRecords(root);
    this.rootfs = new RootfsBuilder(root, blobs);
    this.puller = settings.map(s -> new ImagePuller(new RegistryClient(s), blobs, platform));
    this.archives = new ArchiveLoader(root, blobs, platform);
  }

  /** Pulls {@code name} from its registry (again, even when present: a tag may have moved). */
  public StoredImage pull(String name) {
    ImageReference reference = ImageReference.parse(name);
    ImagePuller registry = puller.orElseThrow(() -> new ContainerRuntimeException(RuntimeErrorCode.NOT_FOUND,
        "image '" + name + "' is not stored, and this image store does not pull from registries; load or import "
            + "it first"));
    return locked(() -> commit(reference, registry.pull(reference)));
  }

  /** The image if present, else pulled: what the runtime calls before creating a container. */
  public StoredImage ensure(String name) {
    return find(name).orElseGet(() -> pull(name));
  }

  /**
   * Loads every image of an OCI image layout tar or a {@code docker save} tar. {@code name} names an image the
   * archive leaves unnamed (or renames the only one). Returns the names loaded.
   */
  public List<String> load(Path archive, Optional<String> name) {
    Optional<ImageReference> override = name.map(ImageReference::parse);
    return locked(() -> {
      List<String> loaded = new ArrayList<>();
      for (ArchiveLoader.Loaded image : archives.load(archive, override)) {
        commit(image.reference(), image.manifest());
        loaded.add(image.reference().familiar());
      }
      return loaded;
    });
  }

  /** Imports a tar of a plain root filesystem as image {@code name}: one uncompressed layer, an empty config. */
  public Path importRootfsTar(String name, Path tar) {
    ImageReference reference = ImageReference.parse(name);
    if (!Files.isRegularFile(tar)) {
      throw new ContainerRuntimeException(RuntimeErrorCode.NOT_FOUND, "no tar file at " + tar);
    }
    return locked(() -> commit(reference, archives.importRootfs(tar))).rootfs();
  }

  public Optional<StoredImage> find(String name) {
    ImageReference reference = ImageReference.parse(name);
    return records.find(reference).flatMap(record -> {
      Path dir = rootfs.rootfs(record.config());
      if (!Files.isDirectory(dir)) {
        return Optional.empty();
      }
      return Optional.of(new StoredImage(reference, record, dir, config(record.config())));
    });
  }

  /** The root filesystem of image {@code name}, if it is stored; a malformed name is simply not stored. */
  public Optional<Path> rootfs(String name) {
    try {
      return find(name).map(StoredImage::rootfs);
    } catch (ContainerRuntimeException e) {
      return Optional.empty();
    }
  }

  /** The familiar names of all images, sorted. */
  public List<String> list() {
    return images().stream().map(ImageRecord::name).sorted().toList();
  }

  @Override
  public List<ImageSummary> listImages() {
    return images().stream().map(LocalImageStore::summary).toList();
  }

  @Override
  public ImageSummary pullImage(String name) {
    StoredImage image = pull(name);
    return summary(new ImageRecord(image.reference().familiar(), image.record().manifest(), image.record().config(),
        image.record().size()));
  }

  private static ImageSummary summary(ImageRecord record) {
    return new ImageSummary(record.name(), record.manifest().toString(), record.config().hex().substring(0, 12),
        record.size());
  }

  /** All image records, names in familiar form. */
  public List<ImageRecord> images() {
    return records.all().stream().map(r -> new ImageRecord(ImageReference.parse(r.name()).familiar(), r.manifest(),
        r.config(), r.size())).toList();
  }

  /**
   * Keeps the rootfs of {@code image} on disk while container {@code containerId} uses it, even when the image's
   * name is removed meanwhile; NOT_FOUND when it was removed before this call.
   */
  public void retain(StoredImage image, String containerId) {
    if (!locked(() -> rootfs.hold(image.record().config(), containerId))) {
      throw new ContainerRuntimeException(RuntimeErrorCode.NOT_FOUND, "image '" + image.reference().familiar()
          + "' was removed while a container was being created from it");
    }
  }

  /** Ends what {@link #retain} started and deletes rootfs trees that neither a name nor a container needs. */
  public void release(String containerId) {
    gc.writeLock().lock();
    try {
      rootfs.letGo(containerId);
      collectGarbage();
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot release the images of container "
          + containerId + ": " + e.getMessage(), e);
    } finally {
      gc.writeLock().unlock();
    }
  }

  /** Removes the name, then every blob and rootfs no remaining name or container needs. */
  @Override
  public void remove(String name) {
    ImageReference reference = ImageReference.parse(name);
    gc.writeLock().lock();
    try {
      if (!records.remove(reference)) {
        throw new ContainerRuntimeException(RuntimeErrorCode.NOT_FOUND, "no image named '" + name + "'");
      }
      collectGarbage();
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot clean up after removing " + name + ": "
          + e.getMessage(), e);
    } finally {
      gc.writeLock().unlock();
    }
  }

  private StoredImage commit(ImageReference reference, Digest manifestDigest) throws IOException {
    ManifestDocument document = ManifestDocument.parse(blobs.read(manifestDigest, ManifestDocument.MAX_BYTES), "");
    if (!(document instanceof ManifestDocument.Manifest manifest)) {
      throw new ImageFormatException("blob " + manifestDigest + " is not an image manifest");
    }
    ImageConfig config = config(manifest.config().digest());
    Path dir = rootfs.build(manifest.config().digest(), config, manifest.layers());
    long size = manifest.layers().stream().mapToLong(Descriptor::size).sum();
    ImageRecord record = new ImageRecord(reference.canonical(), manifestDigest, manifest.config().digest(), size);
    records.put(reference, record);
    return new StoredImage(reference, record, dir, config);
  }

  private ImageConfig config(Digest digest) {
    try {
      return ImageConfig.parse(blobs.read(digest, ImageConfig.MAX_BYTES));
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "cannot read image config " + digest, e);
    }
  }

  private void collectGarbage() throws IOException {
    Set<Digest> live = new HashSet<>();
    Set<Digest> liveConfigs = new HashSet<>();
    for (ImageRecord record : records.all()) {
      live.add(record.manifest());
      live.add(record.config());
      liveConfigs.add(record.config());
      if (ManifestDocument.parse(blobs.read(record.manifest(), ManifestDocument.MAX_BYTES), "")
          instanceof ManifestDocument.Manifest manifest) {
        manifest.layers().forEach(layer -> live.add(layer.digest()));
      }
    }
    for (Digest blob : blobs.all()) {
      if (!live.contains(blob)) {
        blobs.delete(blob);
      }
    }
    for (Digest config : rootfs.built()) {
      if (!liveConfigs.contains(config) && !rootfs.held(config)) {
        rootfs.delete(config);
      }
    }
  }

  private interface Work<T> {
    T run() throws IOException;
  }

  private <T> T locked(Work<T> work) {
    gc.readLock().lock();
    try {
      return work.run();
    } catch (IOException e) {
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "image store I/O failed: " + e.getMessage(), e);
    } finally {
      gc.readLock().unlock();
    }
  }
}
