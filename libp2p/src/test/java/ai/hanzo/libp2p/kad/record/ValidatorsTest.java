package ai.hanzo.libp2p.kad.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.crypto.PrivateKey;
import ai.hanzo.libp2p.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidatorsTest {
  private final Validators validators = Validators.defaults();
  private final PrivateKey alice = Ed25519PrivateKey.generate();
  private final PrivateKey bob = Ed25519PrivateKey.generate();
  private final PeerId aliceId = PeerId.fromPublicKey(alice.publicKey());

  @Test
  void aPublicKeyRecordMustHashToItsKey() throws Exception {
    byte[] key = PublicKeyValidator.keyFor(aliceId);
    validators.validate(key, alice.publicKey().marshal());
    assertThatThrownBy(() -> validators.validate(key, bob.publicKey().marshal()))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("does not hash");
    assertThatThrownBy(() -> validators.validate(key, new byte[] {1, 2, 3}))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("malformed");
  }

  @Test
  void aSignedValueMustBeSignedByTheKeysOwnerOverThatKey() throws Exception {
    byte[] key = SignedValue.keyFor(aliceId, "heartbeat");
    validators.validate(key, SignedValue.sign(alice, key, 1, utf8("up")).encode());
    assertThatThrownBy(() -> validators.validate(key,
        SignedValue.sign(bob, key, 1, utf8("up")).encode()))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining(aliceId.toString());
    byte[] otherKey = SignedValue.keyFor(aliceId, "other");
    assertThatThrownBy(() -> validators.validate(key,
        SignedValue.sign(alice, otherKey, 1, utf8("up")).encode()))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("bad signature");
    assertThatThrownBy(() -> validators.validate(utf8("/signed/nobody"), new byte[0]))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("/signed/<peer id>/");
  }

  @Test
  void theHighestSequenceWins() throws Exception {
    byte[] key = SignedValue.keyFor(aliceId, "heartbeat");
    List<byte[]> values = List.of(SignedValue.sign(alice, key, 3, utf8("c")).encode(),
        SignedValue.sign(alice, key, 7, utf8("g")).encode(),
        SignedValue.sign(alice, key, 5, utf8("e")).encode());
    assertThat(validators.select(key, values)).isEqualTo(1);
  }

  @Test
  void keysOutsideEveryNamespaceAreRefused() {
    assertThatThrownBy(() -> validators.validate(utf8("/ipns/x"), new byte[0]))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("'ipns'");
    assertThatThrownBy(() -> validators.validate(utf8("no-namespace"), new byte[0]))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("no validator");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
