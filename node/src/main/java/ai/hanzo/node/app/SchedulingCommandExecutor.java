package ai.hanzo.node.app;

import ai.hanzo.node.compute.SchedulingControl;
import ai.hanzo.node.p2p.gossip.CommandExecutor;
import ai.hanzo.node.p2p.gossip.NetworkCommand;
import java.time.Duration;

/** Drain, cordon and uncordon from the network, through the same scheduling control as the admin API. */
final class SchedulingCommandExecutor implements CommandExecutor {
  static final Duration DEFAULT_DRAIN_DEADLINE = Duration.ofSeconds(300);
  static final Duration MAX_DRAIN_DEADLINE = Duration.ofDays(1);

  private final SchedulingControl scheduling;

  SchedulingCommandExecutor(SchedulingControl scheduling) {
    this.scheduling = scheduling;
  }

  @Override
  public String execute(NetworkCommand command) {
    return switch (command.kind()) {
      case DRAIN -> {
        Duration d = command.drainDeadline();
        Duration deadline = d.isZero() ? DEFAULT_DRAIN_DEADLINE : d.compareTo(MAX_DRAIN_DEADLINE) > 0
            ? MAX_DRAIN_DEADLINE : d;
        SchedulingControl.DrainResult r = scheduling.drain(deadline);
        yield r.alreadyDraining() ? "already draining" : "draining, stopping " + r.stoppingDeployments()
            + " deployments";
      }
      case CORDON -> {
        scheduling.cordon();
        yield "cordoned";
      }
      case UNCORDON -> "uncordoned, starting " + scheduling.uncordon() + " deployments again";
    };
  }
}
