package ai.hanzo.node.runtime.image;

import ai.hanzo.node.runtime.host.ContainerDirectories;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Applies one layer (a tar, gzip-compressed or not) on top of a root filesystem: members are written through
 * {@link RootfsPaths} so none lands outside, {@code .wh.<name>} deletes a lower entry and {@code .wh..wh..opq}
 * hides everything lower layers put into its directory. Devices and fifos are skipped: a rootless-safe runtime
 * gets them from its own /dev.
 */
final class LayerUnpacker {
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  private final Path rootfs;
  private final RootfsPaths paths;
  private final boolean root = "root".equals(System.getProperty("user.name"));
  /** Every path this layer wrote, and all their parents: what an opaque marker must keep. */
  private final Set<String> touched = new HashSet<>();

  LayerUnpacker(Path rootfs) {
    this.rootfs = rootfs;
    this.paths = new RootfsPaths(rootfs);
  }

  /** Unpacks {@code layer} and returns the digest of its uncompressed tar (the image config's diff_id). */
  Digest apply(Path layer) throws IOException {
    MessageDigest diffId = Digest.sha256();
    try (InputStream file = new BufferedInputStream(Files.newInputStream(layer), 1 << 16);
        InputStream tar = new DigestInputStream(decompressed(file), diffId)) {
      TarReader reader = new TarReader(tar);
      for (TarEntry entry = reader.next(); entry != null; entry = reader.next()) {
        apply(entry, reader);
      }
      tar.transferTo(java.io.OutputStream.nullOutputStream()); // trailing zero blocks belong to the diff_id
    }
    return Digest.of(diffId);
  }

  private static InputStream decompressed(InputStream in) throws IOException {
    in.mark(4);
    int first = in.read();
    int second = in.read();
    int third = in.read();
    int fourth = in.read();
    in.reset();
    if (first == 0x1f && second == 0x8b) {
      return new GZIPInputStream(in, 1 << 16);
    }
    if (first == 0x28 && second == 0xb5 && third == 0x2f && fourth == 0xfd) {
      throw new ImageFormatException("zstd-compressed layers are not supported; use gzip or uncompressed layers");
    }
    return in;
  }

  private void apply(TarEntry entry, TarReader reader) throws IOException {
    List<String> parts = RootfsPaths.components(entry.name());
    if (parts.isEmpty()) {
      return; // the root directory itself
    }
    String base = parts.get(parts.size() - 1);
    if (base.equals(OPAQUE)) {
      Path dir = paths.resolveDirectory(parts.subList(0, parts.size() - 1), true);
      clearLower(dir);
      return;
    }
    if (base.startsWith(WHITEOUT)) {
      List<String> hidden = new java.util.ArrayList<>(parts.subList(0, parts.size() - 1));
      hidden.add(base.substring(WHITEOUT.length()));
      Path target = paths.resolveForWrite(hidden, false);
      if (target != null) {
        ContainerDirectories.deleteTree(target);
      }
      return;
    }
    if (entry.type() == TarEntry.Type.DEVICE || entry.type() == TarEntry.Type.FIFO
        || entry.type() == TarEntry.Type.OTHER) {
      return;
    }
    Path target = paths.resolveForWrite(parts, true);
    markTouched(parts);
    switch (entry.type()) {
      case DIRECTORY -> {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          ContainerDirectories.deleteTree(target);
          Files.createDirectory(target);
        }
        attributes(target, entry);
      }
      case FILE -> {
        ContainerDirectories.deleteTree(target);
        Files.copy(reader.content(), target, StandardCopyOption.REPLACE_EXISTING);
        attributes(target, entry);
        Files.setLastModifiedTime(target, FileTime.from(entry.mtimeSeconds(), java.util.concurrent.TimeUnit.SECONDS));
      }
      case SYMLINK -> {
        ContainerDirectories.deleteTree(target);
        Files.createSymbolicLink(target, Path.of(entry.linkName()));
        owner(target, entry);
      }
      case HARD_LINK -> {
        List<String> sourceParts = RootfsPaths.components(entry.linkName());
        Path source = sourceParts.isEmpty() ? null : paths.resolveForWrite(sourceParts, false);
        if (source == null || !Files.exists(source, LinkOption.NOFOLLOW_LINKS)
            || Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
          throw new ImageFormatException("layer member '" + entry.name() + "' is a hard link to '"
              + entry.linkName() + "', which is not an earlier file of the image");
        }
        ContainerDirectories.deleteTree(target);
        Files.createLink(target, source);
      }
      default -> throw new IllegalStateException("handled above: " + entry.type());
    }
  }

  private void markTouched(List<String> parts) {
    StringBuilder path = new StringBuilder();
    for (String part : parts) {
      path.append('/').append(part);
      touched.add(path.toString());
    }
  }

  /** Deletes what lower layers left in {@code dir}, keeping what this layer already wrote there. */
  private void clearLower(Path dir) throws IOException {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        String key = "/" + rootfs.relativize(child).toString();
        if (!touched.contains(key)) {
          ContainerDirectories.deleteTree(child);
        } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
          clearLower(child);
        }
      }
    }
  }

  private void attributes(Path target, TarEntry entry) throws IOException {
    owner(target, entry);
    Files.setAttribute(target, "unix:mode", entry.mode(), LinkOption.NOFOLLOW_LINKS);
  }

  private void owner(Path target, TarEntry entry) throws IOException {
    if (root && entry.uid() <= Integer.MAX_VALUE && entry.gid() <= Integer.MAX_VALUE) {
      Files.setAttribute(target, "unix:uid", (int) entry.uid(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(target, "unix:gid", (int) entry.gid(), LinkOption.NOFOLLOW_LINKS);
    }
  }
}
