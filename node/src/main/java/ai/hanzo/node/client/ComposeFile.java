package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.NetworkSpec;
import ai.hanzo.node.api.v1.VolumeSpec;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads a Docker Compose file into the API's {@link ComposeSpec}. Supports the subset a node runs (see the README);
 * any other key is refused with its path, so a file never deploys with part of it silently dropped. Variable
 * interpolation ({@code ${VAR}}) is not performed: values are sent as written.
 */
public final class ComposeFile {
  static final int MAX_BYTES = 1 << 20;
  private static final Set<String> TOP_LEVEL = Set.of("version", "name", "services", "networks", "volumes");
  private static final Set<String> NETWORK = Set.of("driver", "external");
  private static final Set<String> VOLUME = Set.of("driver", "driver_opts");
  private ComposeFile() {}

  /** Reads and parses {@code file}; every problem is a {@link ComposeFileException} naming the file. */
  public static ComposeSpec read(Path file) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ComposeFileException(file + ": larger than " + MAX_BYTES + " bytes; is this a Compose file?");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ComposeFileException(file + ": no such file");
    } catch (IOException e) {
      throw new ComposeFileException(file + ": cannot read it (" + e.getMessage() + ")", e);
    }
    try {
      return parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (ComposeFileException e) {
      throw new ComposeFileException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses Compose YAML text. */
  public static ComposeSpec parse(String yaml) {
    JsonNode root = ComposeYaml.read(yaml);
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new ComposeFileException("the file is empty; a Compose file needs a 'services' section");
    }
    ComposeSpec.Builder spec = ComposeSpec.newBuilder();
    new ComposeNode(root, "").forEachField(TOP_LEVEL, (key, value) -> {
      switch (key) {
        case "version" -> spec.setVersion(value.text());
        case "name" -> spec.setName(value.text());
        case "services" -> value.entries().forEach((name, service) ->
            spec.putServices(name, ComposeServices.service(service)));
        case "networks" -> value.entries().forEach((name, network) -> spec.putNetworks(name, network(network)));
        case "volumes" -> value.entries().forEach((name, volume) -> spec.putVolumes(name, volume(volume)));
        default -> throw new IllegalStateException(key);
      }
    });
    if (spec.getServicesCount() == 0) {
      throw ComposeFileException.at("services", "is required and must name at least one service");
    }
    return spec.build();
  }

  private static NetworkSpec network(ComposeNode node) {
    NetworkSpec.Builder network = NetworkSpec.newBuilder();
    if (!node.isNull()) {
      node.forEachField(NETWORK, (key, value) -> {
        if (key.equals("driver")) {
          network.setDriver(value.text());
        } else {
          network.setExternal(value.bool());
        }
      });
    }
    return network.build();
  }

  private static VolumeSpec volume(ComposeNode node) {
    VolumeSpec.Builder volume = VolumeSpec.newBuilder();
    if (!node.isNull()) {
      node.forEachField(VOLUME, (key, value) -> {
        if (key.equals("driver")) {
          volume.setDriver(value.text());
        } else {
          value.entries().forEach((opt, v) -> volume.putDriverOpts(opt, v.text()));
        }
      });
    }
    return volume.build();
  }
}
