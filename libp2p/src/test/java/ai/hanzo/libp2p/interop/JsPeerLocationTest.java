package ai.hanzo.libp2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the interop tests find the js peer: in the repository itself, never beside it. */
class JsPeerLocationTest {
  @TempDir
  Path root;

  @Test
  void theRepositorysOwnPeerIsFoundFromAModuleDirectory() throws Exception {
    Path peer = peerIn(root.resolve("repo/interop/js-peer"));
    Path module = Files.createDirectories(root.resolve("repo/libp2p"));

    assertThat(JsPeer.locate(null, module)).contains(peer);
  }

  @Test
  void aPeerBesideTheRepositoryIsNotUsed() throws Exception {
    peerIn(root.resolve("shared/interop/js-peer"));
    Path module = Files.createDirectories(root.resolve("repo/libp2p"));

    assertThat(JsPeer.locate("", module)).isEmpty();
  }

  @Test
  void theEnvironmentVariableWins() throws Exception {
    peerIn(root.resolve("repo/interop/js-peer"));
    Path elsewhere = peerIn(root.resolve("elsewhere"));

    assertThat(JsPeer.locate(elsewhere.toString(), root.resolve("repo"))).contains(elsewhere);
    assertThat(JsPeer.locate(root.resolve("empty").toString(), root.resolve("repo"))).isEmpty();
  }

  @Test
  void thisCheckoutHasItsOwnPeer() {
    assertThat(JsPeer.locate(null, Path.of("").toAbsolutePath()))
        .hasValueSatisfying(p -> assertThat(p.resolve("package-lock.json")).isRegularFile());
  }

  private static Path peerIn(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("peer.mjs"), "// test stand-in\n");
    return dir;
  }
}
