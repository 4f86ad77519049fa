package ai.hanzo.node.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The model challenge as values: its model is signed, its prompt follows from the seed alone, the provider answers
 * with the text its runner generated, a third party verifies the signatures, and bad model names and token counts
 * are refused. (The real model is run by QosModelIT; here a deterministic function of the prompt stands in.)
 */
class ModelChallengeTest {
  private static final long SEED = 17;
  private final MutableClock clock = new MutableClock();
  private final Ed25519PrivateKey challengerKey = QosKeys.key(1);
  private final Ed25519PrivateKey providerKey = QosKeys.key(2);
  private final String challenger = QosKeys.peer(challengerKey);
  private final String provider = QosKeys.peer(providerKey);
  private final ChallengeIssuer issuer = new ChallengeIssuer(challengerKey, clock, new Random(SEED));
  private final ModelRunner echo = new ModelRunner() {
    @Override
    public boolean serves(String model) {
      return model.equals("tiny");
    }

    @Override
    public CompletableFuture<Generated> run(String model, ModelPrompt prompt) {
      return CompletableFuture.completedFuture(new Generated(prompt.text().toUpperCase() + prompt.samplerSeed(),
          prompt.maxTokens()));
    }
  };
  private final ChallengeResponder responder =
      new ChallengeResponder(providerKey, clock, new ReplayGuard(clock, 1000), echo);

  @Test
  void theProviderSignsTheGeneratedTextAndAThirdPartyVerifiesIt() {
    SignedChallenge c = issuer.issue(ChallengeType.MODEL, provider, 8, "tiny", Duration.ofSeconds(5));
    SignedProof proof = responder.respond(c, challenger, () -> false);
    ModelPrompt prompt = ModelPrompt.of(c.challenge());
    assertThat(prompt.maxTokens()).isEqualTo(8);
    assertThat(new String(proof.answer(), StandardCharsets.UTF_8))
        .isEqualTo(prompt.text().toUpperCase() + prompt.samplerSeed());
    SignedProof read = SignedProof.fromBytes(proof.toBytes());
    assertThat(read).isEqualTo(proof);
    assertThat(read.challenge().challenge().model()).isEqualTo("tiny");
    assertThat(ProofVerifier.verify(proof.toBytes()).valid()).isTrue();

    // A model may end its text at once: an empty answer is the provider's to sign, and the challenger's to compare.
    SignedProof empty = SignedProof.sign(c, new byte[0], clock.instant(), providerKey);
    assertThat(ProofVerifier.verify(empty).valid()).isTrue();
  }

  @Test
  void thePromptFollowsFromTheSeedAndAReissueKeepsIt() {
    SignedChallenge draft = issuer.issue(ChallengeType.MODEL, provider, 8, "tiny", Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(2));
    SignedChallenge sent = issuer.reissue(draft, Duration.ofSeconds(5));
    assertThat(ModelPrompt.of(sent.challenge())).isEqualTo(ModelPrompt.of(draft.challenge()));
    assertThat(sent.challenge().deadline()).isEqualTo(clock.instant().plusSeconds(5));
    assertThat(sent.signatureValid()).isTrue();
    SignedChallenge another = issuer.issue(ChallengeType.MODEL, provider, 8, "tiny", Duration.ofSeconds(5));
    assertThat(ModelPrompt.of(another.challenge()).text()).isNotEqualTo(ModelPrompt.of(sent.challenge()).text());
  }

  @Test
  void theModelNameIsSignedSoChangingItBreaksTheSignature() {
    SignedChallenge c = issuer.issue(ChallengeType.MODEL, provider, 8, "tiny", Duration.ofSeconds(5));
    Challenge g = c.challenge();
    Challenge renamed = new Challenge(g.id(), g.type(), g.difficulty(), g.challenger(), g.provider(), g.seedHex(),
        g.issuedAt(), g.deadline(), "other");
    assertThat(new SignedChallenge(renamed, c.signature()).signatureValid()).isFalse();
  }

  @Test
  void aModelThisNodeDoesNotServeIsRefusedBeforeAnyWork() {
    SignedChallenge c = issuer.issue(ChallengeType.MODEL, provider, 8, "absent", Duration.ofSeconds(5));
    assertThatThrownBy(() -> responder.respond(c, challenger, () -> false))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
          assertThat(e.getMessage()).contains("does not serve model 'absent'");
        });
  }

  @Test
  void badNamesAndTokenCountsAreRefusedSayingWhich() {
    Duration w = Duration.ofSeconds(5);
    assertThatThrownBy(() -> issuer.issue(ChallengeType.MODEL, provider, 8, "", w))
        .isInstanceOf(MalformedProofException.class).hasMessageContaining("names its model");
    assertThatThrownBy(() -> issuer.issue(ChallengeType.MODEL, provider, 8, "x".repeat(129), w))
        .hasMessageContaining("names its model");
    assertThatThrownBy(() -> issuer.issue(ChallengeType.MODEL, provider, 8, "../etc", w))
        .hasMessageContaining("names its model");
    assertThatThrownBy(() -> issuer.issue(ChallengeType.MODEL, provider, 0, "tiny", w))
        .hasMessageContaining("model tokens must be 1 to 64");
    assertThatThrownBy(() -> issuer.issue(ChallengeType.MODEL, provider, 65, "tiny", w))
        .hasMessageContaining("model tokens must be 1 to 64");
    assertThatThrownBy(() -> issuer.issue(ChallengeType.LATENCY, provider, 0, "tiny", w))
        .hasMessageContaining("only a model challenge names a model");
  }

  @Test
  void theAnswerIsCutOnACharacterBoundary() {
    String text = "é".repeat(QosLimits.MAX_ANSWER);
    byte[] answer = ModelAnswer.encode(text);
    assertThat(answer.length).isLessThanOrEqualTo(QosLimits.MAX_ANSWER);
    assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("é".repeat(QosLimits.MAX_ANSWER / 2));
  }

  @Test
  void modelScoresAsComputeByTokensPerSecond() {
    ProviderState fresh = ProviderState.fresh(provider, clock.instant());
    ProviderState slow = ScoreRules.apply(fresh, ChallengeOutcome.passed("a".repeat(32), ChallengeType.MODEL,
        Duration.ofMillis(100), Duration.ZERO, 2, clock.instant()));
    ProviderState fast = ScoreRules.apply(fresh, ChallengeOutcome.passed("a".repeat(32), ChallengeType.MODEL,
        Duration.ofMillis(100), Duration.ZERO, 200, clock.instant()));
    assertThat(fast.compute()).isGreaterThan(slow.compute());
  }
}
