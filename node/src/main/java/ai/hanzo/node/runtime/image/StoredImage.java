package ai.hanzo.node.runtime.image;

import java.nio.file.Path;

/** An image ready to run: its name, its unpacked root filesystem and the defaults from its config. */
public record StoredImage(ImageReference reference, ImageRecord record, Path rootfs, ImageConfig config) {}
