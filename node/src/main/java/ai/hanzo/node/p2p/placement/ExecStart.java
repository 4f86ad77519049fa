package ai.hanzo.node.p2p.placement;

/**
 * The first message of {@code /hanzo/deploy-exec/1.0.0}: an exec in a container of a deployment the placing node put
 * on the target. {@code execInput} is a serialized {@code hanzo.node.v1.ExecInput} (container, command, tty, first
 * stdin); the caller's subject and org are who asked the placing node, audited and the org scope on the target,
 * never what authorizes (the sending peer is).
 */
public record ExecStart(byte[] execInput, String callerSubject, String callerOrg) {
  public ExecStart {
    execInput = execInput.clone();
  }

  @Override
  public byte[] execInput() {
    return execInput.clone();
  }
}
