package ai.hanzo.node.runtime.image;

import ai.hanzo.node.runtime.BusyboxImage;
import ai.hanzo.node.runtime.host.ContainerDirectories;
import ai.hanzo.node.runtime.host.HostCommand;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Image archives the image ITs build from the host's busybox: what {@code docker save} would write. */
public final class TestArchives {
  private TestArchives() {}

  /** A docker-archive of busybox tagged {@code tag} whose config runs {@code /bin/sh -c 'echo $GREETING from $PWD'}. */
  public static Path greeterDockerArchive(Path workDir, String tag) throws IOException {
    Path work = Files.createTempDirectory(workDir, "archive");
    Path layer = Files.move(BusyboxImage.buildTar(work), work.resolve("layer.tar"));
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = json.createObjectNode().put("architecture", PlatformSelector.host().architecture())
        .put("os", "linux");
    ObjectNode inner = config.putObject("config").put("WorkingDir", "/tmp").put("User", "0:0");
    inner.putArray("Entrypoint").add("/bin/sh").add("-c");
    inner.putArray("Cmd").add("echo $GREETING from $PWD");
    inner.putArray("Env").add("PATH=/bin").add("GREETING=hello");
    inner.putObject("ExposedPorts").putObject("8080/tcp");
    config.putObject("rootfs").put("type", "layers").putArray("diff_ids")
        .add("sha256:" + Digest.of(Files.readAllBytes(layer)).hex());
    Files.write(work.resolve("config.json"), json.writeValueAsBytes(config));
    Files.writeString(work.resolve("manifest.json"), "[{\"Config\":\"config.json\",\"RepoTags\":[\"" + tag
        + "\"],\"Layers\":[\"layer.tar\"]}]");
    Path tar = workDir.resolve("greeter-" + System.nanoTime() + ".tar");
    HostCommand.check(List.of("tar", "-C", work.toString(), "-cf", tar.toString(), "manifest.json", "config.json",
        "layer.tar"), Duration.ofSeconds(30));
    ContainerDirectories.deleteTree(work);
    return tar;
  }

  /**
   * A docker-archive of busybox with two more layers: the first adds {@code /etc/gone.txt}, {@code /data/old.txt}
   * and {@code /data/kept/x}, the second deletes {@code /etc/gone.txt} with a whiteout, makes {@code /data} opaque
   * and adds {@code /data/new.txt}; the image runs {@code sh -c} with its command.
   */
  public static Path whiteoutDockerArchive(Path workDir, String tag) throws IOException {
    Path work = Files.createTempDirectory(workDir, "archive");
    Files.move(BusyboxImage.buildTar(work), work.resolve("layer0.tar"));
    Files.write(work.resolve("layer1.tar"), new TarBuilder().dir("etc/").file("etc/gone.txt", "gone")
        .dir("data/").file("data/old.txt", "old").dir("data/kept/").file("data/kept/x", "x").build());
    Files.write(work.resolve("layer2.tar"), new TarBuilder().dir("etc/").file("etc/.wh.gone.txt", "")
        .dir("data/").file("data/.wh..wh..opq", "").file("data/new.txt", "new").build());
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = json.createObjectNode().put("architecture", PlatformSelector.host().architecture())
        .put("os", "linux");
    ObjectNode inner = config.putObject("config").put("WorkingDir", "/");
    inner.putArray("Entrypoint").add("/bin/sh").add("-c");
    inner.putArray("Env").add("PATH=/bin");
    var diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    var layers = json.createArrayNode();
    for (String layer : List.of("layer0.tar", "layer1.tar", "layer2.tar")) {
      diffIds.add("sha256:" + Digest.of(Files.readAllBytes(work.resolve(layer))).hex());
      layers.add(layer);
    }
    Files.write(work.resolve("config.json"), json.writeValueAsBytes(config));
    ObjectNode manifest = json.createObjectNode().put("Config", "config.json");
    manifest.putArray("RepoTags").add(tag);
    manifest.set("Layers", layers);
    Files.write(work.resolve("manifest.json"), json.writeValueAsBytes(json.createArrayNode().add(manifest)));
    Path tar = workDir.resolve("whiteout-" + System.nanoTime() + ".tar");
    HostCommand.check(List.of("tar", "-C", work.toString(), "-cf", tar.toString(), "manifest.json", "config.json",
        "layer0.tar", "layer1.tar", "layer2.tar"), Duration.ofSeconds(30));
    ContainerDirectories.deleteTree(work);
    return tar;
  }
}
