package ai.hanzo.node.runtime.image;

import ai.hanzo.node.runtime.ContainerSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills what a spec leaves empty from the image config, with Docker's rules: no entrypoint in the spec means the
 * image's Entrypoint, followed by the spec's command or else the image's Cmd; an entrypoint in the spec drops the
 * image's Cmd. The image's Env is the base the spec's env overrides; its WorkingDir applies when the spec has none.
 */
public final class ImageDefaults {
  private ImageDefaults() {}

  public static ContainerSpec apply(ContainerSpec spec, ImageConfig image) {
    List<String> entrypoint = spec.entrypoint();
    List<String> command = spec.command();
    if (entrypoint.isEmpty()) {
      entrypoint = image.entrypoint();
      if (command.isEmpty()) {
        command = image.cmd();
      }
    }
    Map<String, String> env = new HashMap<>(image.env());
    env.putAll(spec.env());
    String workingDir = spec.workingDir().isEmpty() ? image.workingDir() : spec.workingDir();
    return new ContainerSpec(spec.name(), spec.image(), entrypoint, command, env, workingDir, spec.labels(),
        spec.limits(), spec.volumes(), spec.network(), spec.logDir());
  }
}
