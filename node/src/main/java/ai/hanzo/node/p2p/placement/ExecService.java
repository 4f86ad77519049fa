package ai.hanzo.node.p2p.placement;

/**
 * What the target of {@code /hanzo/deploy-exec/1.0.0} does with a session: authorizes the sending peer, audits the
 * exec with the original caller, and runs the command with its output going into the sink. Implemented by the
 * composition root.
 */
public interface ExecService {
  /** A running command, as the session drives it. */
  interface Session {
    /** Blocks while the command does not read its input: called off the event loop. */
    void stdin(byte[] data);

    /** The command's terminal has a new size (checked by the codec); may block like stdin. */
    void resize(int rows, int cols);

    /** The command reads end-of-file. */
    void endOfInput();

    /** The sink has room again: output that waited goes on. */
    void onReady();

    /** Kills the command if it still runs; idempotent. */
    void close();
  }

  /**
   * Blocking (authorization, starting a process): called on the server's own executor. A refusal goes to
   * {@link ExecSink#fail} (and null is returned), never thrown.
   *
   * @param peerId the sending peer, as the Noise handshake authenticated it
   */
  Session open(String peerId, ExecStart start, ExecSink sink);
}
