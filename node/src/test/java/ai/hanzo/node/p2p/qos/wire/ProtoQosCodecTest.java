package ai.hanzo.node.p2p.qos.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.api.v1.QosChallenge;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.qos.QosAnswer;
import ai.hanzo.node.qos.ChallengeIssuer;
import ai.hanzo.node.qos.ChallengeResponder;
import ai.hanzo.node.qos.ModelPrompt;
import ai.hanzo.node.qos.ModelRunner;
import java.util.concurrent.CompletableFuture;
import ai.hanzo.node.qos.ChallengeType;
import ai.hanzo.node.qos.ReplayGuard;
import ai.hanzo.node.qos.SignedChallenge;
import ai.hanzo.node.qos.SignedProof;
import ai.hanzo.testing.MutableClock;
import ai.hanzo.testing.RandomCases;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProtoQosCodecTest {
  private static final ProtoQosCodec CODEC = new ProtoQosCodec();
  private final MutableClock clock = new MutableClock();
  private final Ed25519PrivateKey challengerKey = Ed25519PrivateKey.fromSeed(new byte[32]);
  private final Ed25519PrivateKey providerKey = Ed25519PrivateKey.fromSeed(filled(7));
  private final String challenger = PeerId.fromPublicKey(challengerKey.publicKey()).toString();
  private final String provider = PeerId.fromPublicKey(providerKey.publicKey()).toString();

  @Test
  void challengesAndAnswersRoundTripAndProofsStayVerifiable() {
    ChallengeIssuer issuer = new ChallengeIssuer(challengerKey, clock, new Random(3));
    ChallengeResponder responder = new ChallengeResponder(providerKey, clock, new ReplayGuard(clock, 10),
        new ModelRunner() {
          @Override
          public boolean serves(String model) {
            return true;
          }

          @Override
          public CompletableFuture<Generated> run(String model, ModelPrompt prompt) {
            return CompletableFuture.completedFuture(new Generated("tokens of " + prompt.text(), 4));
          }
        });
    for (ChallengeType type : ChallengeType.values()) {
      long difficulty = type == ChallengeType.COMPUTE ? 8 : type == ChallengeType.BANDWIDTH ? 2048
          : type == ChallengeType.MODEL ? 4 : 0;
      SignedChallenge c = issuer.issue(type, provider, difficulty, type == ChallengeType.MODEL ? "tiny" : "",
          Duration.ofSeconds(3));
      assertThat(CODEC.decodeChallenge(CODEC.encodeChallenge(c))).isEqualTo(c);
      SignedProof proof = responder.respond(c, challenger, () -> false);
      QosAnswer decoded = CODEC.decodeAnswer(CODEC.encodeAnswer(new QosAnswer.Proof(proof)));
      assertThat(decoded).isEqualTo(new QosAnswer.Proof(proof));
      assertThat(ai.hanzo.node.qos.ProofVerifier.verify(((QosAnswer.Proof) decoded).proof()).valid()).isTrue();
    }
    QosAnswer.Refusal longRefusal = new QosAnswer.Refusal(ErrorCode.ALREADY_EXISTS, "r".repeat(5000));
    assertThat(((QosAnswer.Refusal) CODEC.decodeAnswer(CODEC.encodeAnswer(longRefusal))).message()).hasSize(1024);
  }

  @Test
  void fieldsOutOfRangeAreNamed() throws Exception {
    SignedChallenge c = new ChallengeIssuer(challengerKey, clock, new Random(3))
        .issue(ChallengeType.COMPUTE, provider, 8, Duration.ofSeconds(3));
    QosChallenge good = QosChallenge.parseFrom(CODEC.encodeChallenge(c));
    assertThatThrownBy(() -> CODEC.decodeChallenge(good.toBuilder().setDifficulty(40).build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("compute difficulty");
    assertThatThrownBy(() -> CODEC.decodeChallenge(good.toBuilder().setType("teleport").build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("challenge.type");
    assertThatThrownBy(() -> CODEC.decodeChallenge(good.toBuilder().setType("model").setDifficulty(4).build()
        .toByteArray())).isInstanceOf(MalformedPayloadException.class).hasMessageContaining("names its model");
    assertThatThrownBy(() -> CODEC.decodeChallenge(good.toBuilder().setModel("tiny").build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("only a model challenge");
    assertThatThrownBy(() -> CODEC.decodeChallenge(good.toBuilder().setDeadlineMs(good.getIssuedAtMs() + 3_600_000)
        .build().toByteArray())).isInstanceOf(MalformedPayloadException.class).hasMessageContaining("deadline");
    assertThatThrownBy(() -> CODEC.decodeChallenge(good.toBuilder().clearSignature().build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("signature");
    assertThatThrownBy(() -> CODEC.decodeChallenge(good.toBuilder().setId("x".repeat(5000)).build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("id");
    assertThatThrownBy(() -> CODEC.decodeAnswer(new byte[0])).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("neither a proof nor a refusal");
  }

  @Test
  void randomBytesDecodeOrAreMalformed() {
    RandomCases.forAll(2000, gen -> decodesOrIsMalformed(gen.bytes(600)));
  }

  static void decodesOrIsMalformed(byte[] input) {
    try {
      assertThat(CODEC.decodeChallenge(input)).isNotNull();
    } catch (MalformedPayloadException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    try {
      assertThat(CODEC.decodeAnswer(input)).isNotNull();
    } catch (MalformedPayloadException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  private static byte[] filled(int value) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }
}
