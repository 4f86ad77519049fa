package ai.hanzo.libp2p.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.libp2p.transport.Connection;
import ai.hanzo.libp2p.transport.Direction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionManagerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final PeerId me = newPeer();

  private static PeerId newPeer() {
    return PeerId.fromPublicKey(Ed25519PrivateKey.generate().publicKey());
  }

  private FakeConnection connection(PeerId remote, Direction direction, int second, boolean idle) {
    return new FakeConnection(me, remote, direction, T0.plusSeconds(second), idle);
  }

  @Test
  void trimsOldestIdleConnectionsFromHighToLowWatermark() {
    ConnectionManager manager = new ConnectionManager(new ConnectionLimits(10, 3, 5));
    List<FakeConnection> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      FakeConnection c = connection(newPeer(), Direction.OUTBOUND, i, i != 1);
      all.add(c);
      assertThat(manager.admit(c)).contains(c);
    }
    assertThat(manager.size()).isEqualTo(5);
    FakeConnection sixth = connection(newPeer(), Direction.INBOUND, 5, true);
    manager.admit(sixth);

    // 6 > high 5: close 3 down to low 3, oldest idle first (0, 2, 3); busy 1 survives
    assertThat(manager.connections()).containsExactlyInAnyOrder(all.get(1), all.get(4), sixth);
    assertThat(all.get(0).isOpen()).isFalse();
    assertThat(all.get(2).isOpen()).isFalse();
    assertThat(all.get(3).isOpen()).isFalse();
    assertThat(all.get(1).isOpen()).isTrue();
  }

  @Test
  void refusesConnectionsBeyondTheMaximum() {
    ConnectionManager manager = new ConnectionManager(new ConnectionLimits(2, 2, 2));
    manager.admit(connection(newPeer(), Direction.INBOUND, 0, false));
    manager.admit(connection(newPeer(), Direction.INBOUND, 1, false));
    FakeConnection third = connection(newPeer(), Direction.INBOUND, 2, false);
    assertThat(manager.admit(third)).isEmpty();
    assertThat(third.isOpen()).isFalse();
    assertThat(manager.size()).isEqualTo(2);
  }

  @Test
  void simultaneousConnectionsKeepTheOneDialedByTheSmallerPeerOnBothSides() {
    PeerId other = newPeer();
    boolean meSmaller = Arrays.compareUnsigned(me.toBytes(), other.toBytes()) < 0;
    FakeConnection mine = connection(other, Direction.OUTBOUND, 0, false);
    FakeConnection theirs = connection(other, Direction.INBOUND, 1, false);
    ConnectionManager manager = new ConnectionManager(ConnectionLimits.defaults());
    manager.admit(mine);
    Connection kept = manager.admit(theirs).orElseThrow();
    assertThat(kept).isSameAs(meSmaller ? mine : theirs);
    assertThat(manager.connections()).containsExactly(kept);
    assertThat((meSmaller ? theirs : mine).isOpen()).isFalse();

    // the remote sees the same two connections mirrored, in the other order, and agrees
    FakeConnection remoteOutbound = new FakeConnection(other, me, Direction.OUTBOUND, T0, false);
    FakeConnection remoteInbound = new FakeConnection(other, me, Direction.INBOUND, T0, false);
    ConnectionManager remote = new ConnectionManager(ConnectionLimits.defaults());
    remote.admit(remoteInbound);
    Connection remoteKept = remote.admit(remoteOutbound).orElseThrow();
    assertThat(remoteKept).isSameAs(meSmaller ? remoteInbound : remoteOutbound);
  }

  @Test
  void twoConnectionsFromTheSameDialerKeepTheOlder() {
    PeerId other = newPeer();
    FakeConnection older = connection(other, Direction.INBOUND, 0, false);
    FakeConnection newer = connection(other, Direction.INBOUND, 1, false);
    ConnectionManager manager = new ConnectionManager(ConnectionLimits.defaults());
    manager.admit(older);
    assertThat(manager.admit(newer)).contains(older);
    assertThat(newer.isOpen()).isFalse();
    assertThat(manager.remove(newer)).isFalse();
    assertThat(manager.remove(older)).isTrue();
  }

  @Test
  void limitsMustBeOrdered() {
    assertThatThrownBy(() -> new ConnectionLimits(10, 6, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lowWater");
  }
}
