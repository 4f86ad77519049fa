package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeOwnersTest {
  @TempDir Path volumes;

  private VolumeOwners owners() {
    return new VolumeOwners(volumes::resolve);
  }

  private static void taken(Runnable claim) {
    assertThatThrownBy(claim::run).isInstanceOfSatisfying(NodeException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
      assertThat(e.getMessage()).isEqualTo("deployment id 'db' is taken; choose another id");
    });
  }

  @Test
  void volumesLeftByARemovedDeploymentGoOnlyToItsOwnOrg() throws Exception {
    owners().claim(Tenant.of("acme"), "db", "acme");
    Files.writeString(Files.createDirectories(volumes.resolve("db/data")).resolve("secret"), "acme's");
    taken(() -> owners().claim(Tenant.of("globex"), "db", "globex"));
    taken(() -> owners().claim(Tenant.of(null), "db", null));
    assertThatCode(() -> owners().claim(Tenant.of("acme"), "db", "acme")).doesNotThrowAnyException();
    assertThat(volumes.resolve("db/data/secret")).hasContent("acme's");
  }

  @Test
  void volumesOfUnknownOwnerAreForCallersWhoSeeAll() throws Exception {
    Files.createDirectories(volumes.resolve("db/data"));
    taken(() -> owners().claim(Tenant.of("acme"), "db", "acme"));
    owners().claim(new Tenant(true, "ops"), "db", "ops");
    assertThat(volumes.resolve("db").resolve(VolumeOwners.MARKER)).hasContent("ops");
    assertThatCode(() -> owners().claim(Tenant.of("ops"), "db", "ops")).doesNotThrowAnyException();
  }

  @Test
  void aFreshIdIsClaimedByWhoeverDeploysIt() {
    owners().claim(Tenant.of(null), "fresh", null);
    assertThat(volumes.resolve("fresh").resolve(VolumeOwners.MARKER)).hasContent("");
    assertThatCode(() -> owners().claim(Tenant.of(null), "fresh", null)).doesNotThrowAnyException();
  }
}
