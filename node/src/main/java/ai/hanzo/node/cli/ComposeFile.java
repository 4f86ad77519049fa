package ai.hanzo.node.cli;

import ai.hanzo.node.client.ComposeProject;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Docker Compose file into a {@link ComposeProject}, before any node is contacted. Supports the subset a node
 * runs (see the README); any other key is refused with its path, so a file never deploys with part of it silently
 * dropped. Variable interpolation ({@code ${VAR}}) is not performed: values are sent as written.
 */
final class ComposeFile {
  static final int MAX_BYTES = 1 << 20;
  private static final Set<String> TOP_LEVEL = Set.of("version", "name", "services", "networks", "volumes");
  private static final Set<String> NETWORK = Set.of("driver", "external");
  private static final Set<String> VOLUME = Set.of("driver", "driver_opts");
  private ComposeFile() {}

  /** Reads and parses {@code file}; every problem is a {@link ComposeFileException} naming the file. */
  static ComposeProject read(Path file) {
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
  static ComposeProject parse(String yaml) {
    JsonNode root = ComposeYaml.read(yaml);
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new ComposeFileException("the file is empty; a Compose file needs a 'services' section");
    }
    ComposeNode.Fields top = new ComposeNode(root, "").fields(TOP_LEVEL);
    ComposeProject project = new ComposeProject(top.read("version", ComposeNode::text, ""),
        top.read("name", ComposeNode::text, ""),
        top.read("services", value -> value.entries(ComposeServices::service), Map.of()),
        top.read("networks", value -> value.entries(ComposeFile::network), Map.of()),
        top.read("volumes", value -> value.entries(ComposeFile::volume), Map.of()));
    if (project.services().isEmpty()) {
      throw ComposeFileException.at("services", "is required and must name at least one service");
    }
    return project;
  }

  /** A network written with nothing after its name is the default one. */
  private static ComposeProject.Network network(ComposeNode node) {
    ComposeNode.Fields network = node.isNull() ? ComposeNode.Fields.NONE : node.fields(NETWORK);
    return new ComposeProject.Network(network.read("driver", ComposeNode::text, ""),
        network.read("external", ComposeNode::bool, false));
  }

  /** A volume written with nothing after its name is a local one. */
  private static ComposeProject.Volume volume(ComposeNode node) {
    ComposeNode.Fields volume = node.isNull() ? ComposeNode.Fields.NONE : node.fields(VOLUME);
    return new ComposeProject.Volume(volume.read("driver", ComposeNode::text, ""),
        volume.read("driver_opts", opts -> opts.entries(ComposeNode::text), Map.of()));
  }
}
