package ai.hanzo.libp2p.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

/** Connects two EmbeddedChannels as if by a wire. */
final class EmbeddedWire {
  private EmbeddedWire() {}

  /** Runs pending tasks and moves written bytes both ways until neither side writes more. */
  static void shuttle(EmbeddedChannel a, EmbeddedChannel b) {
    boolean moved = true;
    while (moved) {
      a.runPendingTasks();
      b.runPendingTasks();
      moved = move(a, b) | move(b, a);
    }
  }

  private static boolean move(EmbeddedChannel from, EmbeddedChannel to) {
    boolean moved = false;
    ByteBuf out;
    while ((out = from.readOutbound()) != null) {
      to.writeInbound(out);
      moved = true;
    }
    return moved;
  }
}
