package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.iam.Permission;
import ai.hanzo.node.p2p.gossip.CommandAuthority;
import ai.hanzo.node.p2p.gossip.CommandKind;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Without IAM nothing from the network runs; scheduling commands need admin:manage. */
class IamCommandAuthorityTest {
  @Test
  void iamOffRefusesEveryCommand() {
    IamCommandAuthority authority = new IamCommandAuthority(null, null, Clock.systemUTC());
    for (CommandKind kind : CommandKind.values()) {
      CommandAuthority.Decision d = authority.authorize("12D3KooWAnyone", kind);
      assertThat(d.allowed()).isFalse();
      assertThat(d.reason()).contains("IAM is disabled");
    }
  }

  @Test
  void schedulingCommandsNeedAdminManage() {
    for (CommandKind kind : CommandKind.values()) {
      assertThat(IamCommandAuthority.permissionFor(kind)).isEqualTo(Permission.of("admin", "manage"));
    }
    assertThat(IamCommandAuthority.subject("12D3KooWX")).isEqualTo("peer:12D3KooWX");
  }
}
