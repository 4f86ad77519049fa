package ai.hanzo.node.runtime.image;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import java.util.List;
import java.util.Locale;

/** Picks the manifest for this host's platform (linux plus the JVM's architecture in OCI spelling) from an index. */
public record PlatformSelector(String os, String architecture, String variant) {

  public static PlatformSelector host() {
    String arch = switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "arm" -> "arm";
      case "x86", "i386", "i686" -> "386";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      default -> System.getProperty("os.arch", "");
    };
    return new PlatformSelector("linux", arch, arch.equals("arm64") ? "v8" : "");
  }

  /** The entry for this platform; an exact variant wins over a missing one. NOT_FOUND names what exists. */
  public Descriptor select(List<Descriptor> manifests, String image) {
    Descriptor fallback = null;
    for (Descriptor candidate : manifests) {
      if (candidate.platform().isEmpty()) {
        continue;
      }
      Descriptor.Platform p = candidate.platform().get();
      if (!p.os().equals(os) || !p.architecture().equals(architecture)) {
        continue;
      }
      if (p.variant().equals(variant)) {
        return candidate;
      }
      if (fallback == null && p.variant().isEmpty()) {
        fallback = candidate;
      }
    }
    if (fallback != null) {
      return fallback;
    }
    List<String> offered = manifests.stream().flatMap(d -> d.platform().stream()).map(Object::toString).toList();
    throw new ContainerRuntimeException(RuntimeErrorCode.NOT_FOUND, "image " + image + " has no manifest for "
        + os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant) + "; it offers " + offered);
  }
}
