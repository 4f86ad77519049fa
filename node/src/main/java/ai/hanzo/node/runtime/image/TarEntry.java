package ai.hanzo.node.runtime.image;

/** One member of a tar stream, after pax and GNU long-name headers were folded in. */
public record TarEntry(String name, Type type, long size, int mode, long uid, long gid, long mtimeSeconds,
    String linkName) {

  /** The member kinds a layer can hold. */
  public enum Type { FILE, HARD_LINK, SYMLINK, DIRECTORY, DEVICE, FIFO, OTHER }
}
