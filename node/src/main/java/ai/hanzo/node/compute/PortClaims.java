package ai.hanzo.node.compute;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replicas share the host's network, so a port belongs to one replica of the node at a time: a service with ports
 * runs one replica, and no two services of running deployments may listen on the same port and protocol. A refusal
 * names the deployment holding the port only when it has the same owner as the one asking.
 */
final class PortClaims {
  private PortClaims() {}

  /** INVALID_ARGUMENT or FAILED_PRECONDITION when {@code wanted} would listen where something else does. */
  static void check(DesiredDeployment wanted, List<DesiredDeployment> all) {
    Map<String, String> taken = new HashMap<>();
    for (DesiredDeployment d : all) {
      if (d.running() && !d.id().equals(wanted.id())) {
        // Another org's deployment is not named: its id and services are none of the deploying caller's business.
        boolean sameOrg = Objects.equals(Ownership.owner(d), Ownership.owner(wanted));
        claims(d).forEach(c -> taken.putIfAbsent(c.port(), sameOrg ? c.owner() : "another deployment"));
      }
    }
    wanted.request().project().services().forEach((name, service) -> {
      List<String> ports = ServicePorts.parse(service.ports(), "spec.services." + name + ".ports");
      if (!ports.isEmpty() && wanted.replicasOf(name) > 1) {
        throw NodeException.invalidField("spec.services." + name + ".deploy.replicas", wanted.replicasOf(name)
            + " replicas cannot all listen on " + ports.get(0) + ": containers share the host's network, so a"
            + " service with ports runs one replica per node");
      }
    });
    for (Claim c : claims(wanted)) {
      String other = taken.putIfAbsent(c.port(), c.owner());
      if (other != null) {
        throw new NodeException(ErrorCode.FAILED_PRECONDITION, "port " + c.port() + " of " + c.owner()
            + " is already used by " + other + " on this node", Map.of("deployment_id", wanted.id()));
      }
    }
  }

  /** A port/protocol (each port of a range) and who listens on it. */
  private record Claim(String port, String owner) {}

  private static List<Claim> claims(DesiredDeployment d) {
    List<Claim> claims = new ArrayList<>();
    d.request().project().services().forEach((name, service) -> {
      if (d.replicasOf(name) == 0) {
        return;
      }
      for (String port : ServicePorts.parse(service.ports(), "spec.services." + name + ".ports")) {
        String[] numberAndProtocol = port.split("/");
        String[] range = numberAndProtocol[0].split("-");
        int first = Integer.parseInt(range[0]);
        int last = Integer.parseInt(range[range.length - 1]);
        for (int p = first; p <= last; p++) {
          claims.add(new Claim(p + "/" + numberAndProtocol[1], "deployment '" + d.id() + "' service '" + name + "'"));
        }
      }
    });
    return claims;
  }
}
