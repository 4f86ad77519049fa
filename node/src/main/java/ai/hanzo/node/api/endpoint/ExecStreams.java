package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.access.OrgScope;
import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.compute.ComputeEngine;
import ai.hanzo.node.compute.Tenant;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * ExecInContainer for every transport: the first input names the container and the command (and may carry stdin and,
 * with tty, the terminal's size), later inputs carry only stdin and terminal resizes. Output flows back through {@link ExecOutputPump}, with backpressure. A container
 * this node does not run but that belongs to a deployment it placed on another node is exec'd there, over
 * {@code /hanzo/deploy-exec/1.0.0} ({@link DeploymentPlacer#forwardExec}).
 */
public final class ExecStreams {
  static final int MAX_ARGS = 4096;
  static final int MAX_COMMAND_BYTES = 256 * 1024;

  private final Optional<ComputeEngine> engine;
  private final Optional<DeploymentPlacer> placer;

  public ExecStreams(Optional<ComputeEngine> engine) {
    this(engine, Optional.empty());
  }

  /** @param placer reaches the containers of deployments this node placed on other nodes; empty: only this node's */
  public ExecStreams(Optional<ComputeEngine> engine, Optional<DeploymentPlacer> placer) {
    this.engine = engine;
    this.placer = placer;
  }

  /**
   * Starts the command, for callers who may see the container, here or on the node this node placed its deployment
   * on; may block (it starts a process, or asks the placed deployments' nodes which runs the container).
   */
  public ExecCall open(ExecInput first, MessageSink<ExecOutput> sink) {
    TerminalSizes.checkFirst(first);
    Tenant tenant = OrgScope.current();
    try {
      return openAs(tenant, first, sink);
    } catch (NodeException notHere) {
      if (notHere.code() != ErrorCode.NOT_FOUND || placer.isEmpty()) {
        throw notHere;
      }
      // Another org's caller finds none of this org's placed deployments either: the same NOT_FOUND.
      return placer.get().forwardExec(tenant, first, sink).orElseThrow(() -> notHere);
    }
  }

  /** Starts the command in a container of this node for {@code tenant}: never forwarded (a target's answer). */
  public ExecCall openAs(Tenant tenant, ExecInput first, MessageSink<ExecOutput> sink) {
    String id = ComputeEndpoint.requireId(first.getContainerId(), "container_id");
    checkCommand(first);
    TerminalSizes.checkFirst(first);
    ComputeEngine e = engine.orElseThrow(() -> new NodeException(ErrorCode.UNIMPLEMENTED, ComputeEndpoint.NO_ENGINE));
    ExecOutputPump pump = new ExecOutputPump(sink);
    ExecCall call = new ExecCall(e.containers().exec(tenant, id, first.getCommandList(), first.getTty(),
        first.getResize().getRows(), first.getResize().getCols(), pump), pump, first.getTty());
    if (!first.getStdin().isEmpty()) {
      call.stdin(first.getStdin().toByteArray());
    }
    return call;
  }

  private static void checkCommand(ExecInput first) {
    if (first.getCommandCount() == 0) {
      throw NodeException.invalidField("command", "is required in the first message");
    }
    if (first.getCommandCount() > MAX_ARGS) {
      throw NodeException.invalidField("command", "has " + first.getCommandCount() + " arguments; at most "
          + MAX_ARGS + " are allowed");
    }
    long bytes = 0;
    for (String arg : first.getCommandList()) {
      if (arg.indexOf('\0') >= 0) {
        throw NodeException.invalidField("command", "arguments must not contain NUL characters");
      }
      bytes += arg.getBytes(StandardCharsets.UTF_8).length;
    }
    if (bytes > MAX_COMMAND_BYTES) {
      throw NodeException.invalidField("command", "is " + bytes + " bytes long; at most " + MAX_COMMAND_BYTES
          + " are allowed");
    }
    if (first.getCommand(0).isEmpty()) {
      throw NodeException.invalidField("command", "must start with the program to run, not an empty string");
    }
  }
}
