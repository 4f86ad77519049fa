package ai.hanzo.libp2p.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.noise.HandshakeState.Role;
import ai.hanzo.libp2p.noise.HandshakeState.TransportCiphers;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HandshakeStateTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final AeadCipherFactory JDK = AeadCipherFactory.jdk();

  /** The Noise_XX_25519_ChaChaPoly_SHA256 vector of the cacophony test suite. */
  @Test
  void matchesTheCacophonyVector() throws Exception {
    byte[] prologue = HEX.parseHex("4a6f686e2047616c74");
    HandshakeState initiator = new HandshakeState(Role.INITIATOR,
        key("e61ef9919cde45dd5f82166404bd08e38bceb5dfdfded0a34c8df7ed542214d1"), prologue,
        () -> key("893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a"), JDK);
    HandshakeState responder = new HandshakeState(Role.RESPONDER,
        key("4a3acbfdb163dec651dfa3194dece676d437029c62a408b4c5ea9114246e4893"), prologue,
        () -> key("bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b"),
        AeadCipherFactory.preferConscrypt());
    String[][] messages = {
        {"4c756477696720766f6e204d69736573", "ca35def5ae56cec33dc2036731ab14896bc4c75dbb07a61f879f8e3afa4c79444c756477696720766f6e204d69736573"},
        {"4d757272617920526f746862617264", "95ebc60d2b1fa672c1f46a8aa265ef51bfe38e7ccb39ec5be34069f14480884381cbad1f276e038c48378ffce2b65285e08d6b68aaa3629a5a8639392490e5b9bd5269c2f1e4f488ed8831161f19b7815528f8982ffe09be9b5c412f8a0db50f8814c7194e83f23dbd8d162c9326ad"},
        {"462e20412e20486179656b", "c7195ffacac1307ff99046f219750fc47693e23c3cb08b89c2af808b444850a80ae475b9df0f169ae80a89be0865b57f58c9fea0d4ec82a286427402f113e4b6ae769a1d95941d49b25030"},
        {"4361726c204d656e676572", "96763ed773f8e47bb3712f0e29b3060ffc956ffc146cee53d5e1df"},
        {"4a65616e2d426170746973746520536179", "3e40f15f6f3a46ae446b253bf8b1d9ffb6ed9b174d272328ff91a7e2e5c79c07f5"},
        {"457567656e2042f6686d20766f6e2042617765726b", "eb3f3515110702e047a6c9da4478b6ead94873c11c0f2d710ddb3f09fce024b3a58502ae3f"}};
    for (int i = 0; i < 3; i++) {
      HandshakeState sender = i % 2 == 0 ? initiator : responder;
      HandshakeState receiver = i % 2 == 0 ? responder : initiator;
      byte[] written = sender.writeMessage(HEX.parseHex(messages[i][0]));
      assertThat(HEX.formatHex(written)).as("message %d", i).isEqualTo(messages[i][1]);
      assertThat(HEX.formatHex(receiver.readMessage(written))).isEqualTo(messages[i][0]);
    }
    assertThat(HEX.formatHex(initiator.handshakeHash()))
        .isEqualTo("c8e5f64e846193be2a834104c2a009868d6c9f3bd3c186299888b488b2f1f58e");
    assertThat(responder.handshakeHash()).isEqualTo(initiator.handshakeHash());
    TransportCiphers i = initiator.split();
    TransportCiphers r = responder.split();
    for (int m = 3; m < messages.length; m++) {
      CipherState send = m % 2 == 0 ? i.send() : r.send();
      CipherState receive = m % 2 == 0 ? r.receive() : i.receive();
      byte[] sealed = send.encryptWithAd(new byte[0], HEX.parseHex(messages[m][0]));
      assertThat(HEX.formatHex(sealed)).as("transport message %d", m).isEqualTo(messages[m][1]);
      assertThat(HEX.formatHex(receive.decryptWithAd(new byte[0], sealed)))
          .isEqualTo(messages[m][0]);
    }
  }

  @Test
  void randomKeysAgreeAndRevealStatics() throws Exception {
    X25519KeyPair is = X25519KeyPair.generate();
    X25519KeyPair rs = X25519KeyPair.generate();
    HandshakeState initiator = new HandshakeState(Role.INITIATOR, is, JDK);
    HandshakeState responder = new HandshakeState(Role.RESPONDER, rs, JDK);
    byte[] first = initiator.writeMessage(new byte[0]);
    assertThat(first).hasSize(32);
    responder.readMessage(first);
    byte[] second = responder.writeMessage(bytes("responder"));
    assertThat(second).hasSize(32 + 48 + 9 + 16);
    assertThat(initiator.readMessage(second)).isEqualTo(bytes("responder"));
    assertThat(initiator.remoteStaticKey()).isEqualTo(rs.publicKey());
    assertThat(responder.readMessage(initiator.writeMessage(bytes("initiator"))))
        .isEqualTo(bytes("initiator"));
    assertThat(responder.remoteStaticKey()).isEqualTo(is.publicKey());
    assertThat(initiator.isComplete()).isTrue();
    assertThat(responder.isComplete()).isTrue();
  }

  @Test
  void tamperedSecondMessageFailsForGood() throws Exception {
    HandshakeState initiator = new HandshakeState(Role.INITIATOR, X25519KeyPair.generate(), JDK);
    HandshakeState responder = new HandshakeState(Role.RESPONDER, X25519KeyPair.generate(), JDK);
    responder.readMessage(initiator.writeMessage(new byte[0]));
    byte[] second = responder.writeMessage(bytes("payload"));
    second[40] ^= 1;
    assertThatThrownBy(() -> initiator.readMessage(second))
        .isInstanceOf(NoiseHandshakeException.class).hasMessageContaining("failed to decrypt");
    assertThatThrownBy(() -> initiator.writeMessage(new byte[0]))
        .isInstanceOf(NoiseHandshakeException.class);
    assertThat(initiator.isComplete()).isFalse();
  }

  @Test
  void enforcesTurnsAndMinimumLengths() throws Exception {
    HandshakeState initiator = new HandshakeState(Role.INITIATOR, X25519KeyPair.generate(), JDK);
    HandshakeState responder = new HandshakeState(Role.RESPONDER, X25519KeyPair.generate(), JDK);
    assertThatThrownBy(() -> responder.writeMessage(new byte[0]))
        .isInstanceOf(NoiseHandshakeException.class).hasMessageContaining("turn to write");
    assertThatThrownBy(() -> initiator.readMessage(new byte[32]))
        .isInstanceOf(NoiseHandshakeException.class).hasMessageContaining("turn to read");
    assertThatThrownBy(() -> responder.readMessage(new byte[31]))
        .isInstanceOf(NoiseHandshakeException.class).hasMessageContaining("shorter");
    assertThatThrownBy(initiator::split).isInstanceOf(IllegalStateException.class);
  }

  private static X25519KeyPair key(String hex) {
    return X25519KeyPair.fromPrivate(HEX.parseHex(hex));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
