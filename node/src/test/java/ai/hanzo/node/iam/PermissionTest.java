package ai.hanzo.node.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PermissionTest {
  @Test
  void wildcardsMatchAnyResourceOrAction() {
    assertThat(Permission.parse("*:*").implies(Permission.parse("deployment:create"))).isTrue();
    assertThat(Permission.parse("deployment:*").implies(Permission.parse("deployment:delete"))).isTrue();
    assertThat(Permission.parse("deployment:*").implies(Permission.parse("container:delete"))).isFalse();
    assertThat(Permission.parse("*:read").implies(Permission.parse("logs:read"))).isTrue();
    assertThat(Permission.parse("*:read").implies(Permission.parse("logs:delete"))).isFalse();
  }

  @Test
  void conditionsNarrowAGrant() {
    Permission own = Permission.parse("deployment:update:own");
    assertThat(own.implies(Permission.parse("deployment:update:own"))).isTrue();
    assertThat(own.implies(Permission.parse("deployment:update"))).isFalse();
    assertThat(Permission.parse("deployment:update").implies(Permission.parse("deployment:update:own"))).isTrue();
    assertThat(Permission.parse("deployment:update:*").implies(Permission.parse("deployment:update:any"))).isTrue();
  }

  @Test
  void roundTripsThroughText() {
    for (String text : new String[] {"health:read", "*:*", "deployment:update:own", "node:*"}) {
      assertThat(Permission.parse(text).toString()).isEqualTo(text);
    }
  }

  @Test
  void onlyReadIsNotAMutation() {
    assertThat(Permission.parse("logs:read").isMutating()).isFalse();
    assertThat(Permission.parse("container:execute").isMutating()).isTrue();
  }

  @Test
  void malformedPermissionsSayWhatIsWrong() {
    assertThatThrownBy(() -> Permission.parse("deployment")).hasMessageContaining("resource:action[:condition]");
    assertThatThrownBy(() -> Permission.parse("a:b:c:d")).hasMessageContaining("resource:action[:condition]");
    assertThatThrownBy(() -> Permission.parse("Deploy:read")).hasMessageContaining("resource 'Deploy'");
    assertThatThrownBy(() -> Permission.parse("deployment:")).hasMessageContaining("action ''");
  }
}
