package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpecHashesTest {
  @Test
  void aRequestsHashIsTheCanonicalOneAndChangesWithTheSpec() {
    DeploymentRequest sleeping = ComputeFixture.request("d", "web", 2, "always", "sleep 60");
    DeploymentRequest changed = ComputeFixture.request("d", "web", 2, "always", "sleep 61");

    assertThat(SpecHashes.of(sleeping, "web")).isEqualTo(CanonicalJson.specHash(sleeping, "web"))
        .isEqualTo(SpecHashes.of(sleeping, "web"));
    assertThat(SpecHashes.of(changed, "web")).isEqualTo(CanonicalJson.specHash(changed, "web"))
        .isNotEqualTo(SpecHashes.of(sleeping, "web"));
  }

  @Test
  void equalRequestsMadeApartGetTheSameHashAndManyRequestsStayCorrectPastTheBound() {
    for (int i = 0; i < 600; i++) {
      DeploymentRequest r = ComputeFixture.request("d" + i, "web", 1, "no", "sleep " + i);
      assertThat(SpecHashes.of(r, "web")).as("request %d", i).isEqualTo(CanonicalJson.specHash(r, "web"));
    }
    DeploymentRequest first = ComputeFixture.request("d", "web", 1, "no", "sleep 1");
    DeploymentRequest again = ComputeFixture.request("d", "web", 1, "no", "sleep 1");
    assertThat(SpecHashes.of(again, "web")).isEqualTo(SpecHashes.of(first, "web"));
  }
}
