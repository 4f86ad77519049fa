package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnershipTest {
  private static final Tenant ACME = Tenant.of("acme");
  private static final Tenant ADMIN = new Tenant(true, "ops");

  private static DesiredDeployment owned(String id, String org) {
    return DesiredDeployment.of(Ownership.withOwner(ComputeFixture.request(id, "s", 1, "no", "true"), org));
  }

  @Test
  void aNewDeploymentBelongsToTheDeployingCallersOrg() {
    assertThat(Ownership.claim(ACME, ComputeFixture.request("new", "s", 1, "no", "true"), Optional.empty()).org())
        .isEqualTo("acme");
    assertThat(Ownership.claim(Tenant.ALL, ComputeFixture.request("new", "s", 1, "no", "true"), Optional.empty())
        .org()).isNull();
  }

  @Test
  void anIdOfAnotherOrgIsTakenAndTheAnswerNamesNothingOfIt() {
    assertThatThrownBy(() -> Ownership.claim(ACME, ComputeFixture.request("x", "s", 1, "no", "true"),
        Optional.of(owned("x", "globex")))).isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
          assertThat(e.getMessage()).isEqualTo("deployment id 'x' is taken; choose another id");
        });
    assertThatThrownBy(() -> Ownership.claim(Tenant.of(null), ComputeFixture.request("x", "s", 1, "no", "true"),
        Optional.of(owned("x", "globex")))).isInstanceOfSatisfying(NodeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
  }

  @Test
  void updatesKeepTheOwnerEvenWhenAnAdminMakesThem() {
    var update = ComputeFixture.request("x", "s", 2, "no", "true");
    assertThat(Ownership.claim(ADMIN, update, Optional.of(owned("x", "globex"))).org()).isEqualTo("globex");
    assertThat(Ownership.claim(ADMIN, update, Optional.of(owned("x", null))).org()).isNull();
    assertThat(Ownership.claim(ACME, update, Optional.of(owned("x", "acme"))).org()).isEqualTo("acme");
  }

  @Test
  void anotherOrgsDeploymentIsNotFoundInTheWordsOfAMissingOne() {
    Optional<DesiredDeployment> globex = Optional.of(owned("x", "globex"));
    String missing = catchMessage(() -> Ownership.require(ACME, "x", Optional.empty()));
    assertThat(catchMessage(() -> Ownership.require(ACME, "x", globex))).isEqualTo(missing);
    assertThat(Ownership.require(ADMIN, "x", globex).id()).isEqualTo("x");
    assertThat(Ownership.require(Tenant.of("globex"), "x", globex).id()).isEqualTo("x");
  }

  @Test
  void aContainerBelongsToItsDeploymentsOrg() {
    Map<String, DesiredDeployment> stored = Map.of("g", owned("g", "globex"), "a", owned("a", "acme"));
    var lookup = (java.util.function.Function<String, Optional<DesiredDeployment>>)
        id -> Optional.ofNullable(stored.get(id));
    assertThat(Ownership.sees(ACME, Map.of(ReplicaName.DEPLOYMENT_LABEL, "a"), lookup)).isTrue();
    assertThat(Ownership.sees(ACME, Map.of(ReplicaName.DEPLOYMENT_LABEL, "g"), lookup)).isFalse();
    assertThat(Ownership.sees(ACME, Map.of(ReplicaName.DEPLOYMENT_LABEL, "gone"), lookup)).isFalse();
    assertThat(Ownership.sees(ACME, Map.of(), lookup)).isFalse();
    assertThat(Ownership.sees(ADMIN, Map.of(), lookup)).isTrue();
  }

  private static String catchMessage(Runnable call) {
    try {
      call.run();
    } catch (NodeException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
      return e.getMessage();
    }
    throw new AssertionError("expected NOT_FOUND");
  }
}
