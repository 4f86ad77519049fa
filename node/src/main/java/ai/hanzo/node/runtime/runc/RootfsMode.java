package ai.hanzo.node.runtime.runc;

/** How runc containers get their root filesystem. */
public enum RootfsMode {
  /** Probe once at start: overlay where the kernel allows the mount, else copy. */
  AUTO,
  /** A kernel overlay mount: the image's unpacked rootfs read-only below, the container's writes in its own dir. */
  OVERLAY,
  /** A full copy ({@code cp -a}) of the image's rootfs per container. */
  COPY
}
