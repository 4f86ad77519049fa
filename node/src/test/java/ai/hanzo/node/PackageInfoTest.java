package ai.hanzo.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every main package of the Java modules says in a package-info.java what it owns (CONTRIBUTING.md). */
class PackageInfoTest {
  private static final List<String> MODULES = List.of("test-fixtures", "libp2p", "node", "bench");

  @Test
  void everyMainPackageHasAPackageInfo() throws IOException {
    Path root = repositoryRoot();
    List<Path> missing = new java.util.ArrayList<>();
    for (String module : MODULES) {
      Path sources = root.resolve(module).resolve("src/main/java");
      assertThat(sources).isDirectory();
      missing.addAll(packagesWithoutInfo(sources).stream().map(root::relativize).toList());
    }
    assertThat(missing).as("packages without package-info.java").isEmpty();
  }

  /** Directories that hold Java sources but no package-info.java. */
  static List<Path> packagesWithoutInfo(Path sources) throws IOException {
    try (Stream<Path> files = Files.walk(sources)) {
      return files.filter(f -> f.toString().endsWith(".java"))
          .map(Path::getParent)
          .distinct()
          .filter(dir -> !Files.isRegularFile(dir.resolve("package-info.java")))
          .sorted()
          .toList();
    }
  }

  @Test
  void aPackageWithoutInfoIsFound(@org.junit.jupiter.api.io.TempDir Path sources) throws IOException {
    Path described = Files.createDirectories(sources.resolve("a/described"));
    Files.writeString(described.resolve("A.java"), "package a.described;\n");
    Files.writeString(described.resolve("package-info.java"), "package a.described;\n");
    Path bare = Files.createDirectories(sources.resolve("a/bare"));
    Files.writeString(bare.resolve("B.java"), "package a.bare;\n");

    assertThat(packagesWithoutInfo(sources)).containsExactly(bare);
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("node/src/main/java")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }
}
