package ai.hanzo.libp2p.kad;

import ai.hanzo.libp2p.multiformats.Multihash;
import ai.hanzo.libp2p.peer.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random peer ids for tests that need many peers but no keys. */
public final class TestPeers {
  private TestPeers() {}

  public static PeerId random(Random random) {
    byte[] digest = new byte[32];
    random.nextBytes(digest);
    return PeerId.fromBytes(Multihash.of(Multihash.SHA2_256, digest).toBytes());
  }

  public static List<PeerId> random(Random random, int count) {
    List<PeerId> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(random(random));
    }
    return out;
  }
}
