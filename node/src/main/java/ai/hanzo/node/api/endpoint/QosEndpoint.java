package ai.hanzo.node.api.endpoint;

import java.util.concurrent.CompletableFuture;
import ai.hanzo.node.p2p.qos.QosPeerProtocol;
import ai.hanzo.node.qos.SignedChallenge;
import ai.hanzo.node.p2p.qos.QosAnswer;
import ai.hanzo.node.api.v1.RespondChallengeResponse;
import ai.hanzo.node.api.v1.RespondChallengeRequest;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.api.v1.GetChallengeRequest;
import ai.hanzo.node.api.v1.GetProviderHistoryRequest;
import ai.hanzo.node.api.v1.ListProviderSlashesRequest;
import ai.hanzo.node.api.v1.ListProviderSlashesResponse;
import ai.hanzo.node.api.v1.QosSlash;
import ai.hanzo.node.chain.OperatorService;
import ai.hanzo.node.qos.SignedResult;
import ai.hanzo.node.storage.QosEvidenceRecord;
import ai.hanzo.node.api.v1.GetProviderRequest;
import ai.hanzo.node.api.v1.IssueChallengeRequest;
import ai.hanzo.node.api.v1.ListChallengesRequest;
import ai.hanzo.node.api.v1.ListChallengesResponse;
import ai.hanzo.node.api.v1.ListProviderScoresRequest;
import ai.hanzo.node.api.v1.ListProviderScoresResponse;
import ai.hanzo.node.api.v1.QosChallengeResult;
import ai.hanzo.node.api.v1.QosProviderScore;
import ai.hanzo.node.api.v1.QosProviderState;
import ai.hanzo.node.api.v1.VerifyProofRequest;
import ai.hanzo.node.api.v1.VerifyProofResponse;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.p2p.P2pNode;
import ai.hanzo.node.p2p.qos.QosService;
import ai.hanzo.node.qos.Challenge;
import ai.hanzo.node.qos.ChallengeType;
import ai.hanzo.node.qos.MalformedProofException;
import ai.hanzo.node.qos.ProofVerifier;
import ai.hanzo.node.qos.ProviderState;
import ai.hanzo.node.qos.QosLimits;
import ai.hanzo.node.qos.SignedProof;
import ai.hanzo.node.qos.Verification;
import ai.hanzo.node.storage.QosChallengeRecord;
import com.google.protobuf.ByteString;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The QoS API for both transports (HTTP mirror {@code /v1/qos/...}): issue a challenge and wait for its scored
 * outcome, read challenges, verify proofs, read a provider's score, state and history. Blocks (the network, RocksDB):
 * transports call it off the event loop.
 */
public final class QosEndpoint {
  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 500;
  /** Providers of one ListProviderScores: a page of peers, and their ids fit a URL's first line (4 KiB). */
  static final int MAX_SCORES = 64;
  static final int MAX_NAME_CHARS = 128;

  private final Optional<P2pNode> p2p;
  private final Optional<OperatorService> operators;
  private final Clock clock;

  public QosEndpoint(Optional<P2pNode> p2p, Clock clock) {
    this(p2p, Optional.empty(), clock);
  }

  /** With the operator service whose chain journal says where each slash is. */
  public QosEndpoint(Optional<P2pNode> p2p, Optional<OperatorService> operators, Clock clock) {
    this.p2p = p2p;
    this.operators = operators;
    this.clock = clock;
  }

  public QosChallengeResult issue(IssueChallengeRequest r) {
    QosService qos = qos();
    ChallengeType type = ChallengeType.parse(r.getType()).orElseThrow(() -> NodeException.invalidField("type",
        "must be compute, latency, bandwidth, availability or model"));
    long difficulty = r.getDifficulty() != 0 ? r.getDifficulty() : switch (type) {
      case COMPUTE -> QosLimits.DEFAULT_COMPUTE_BITS;
      case BANDWIDTH -> QosLimits.DEFAULT_BANDWIDTH_BYTES;
      case MODEL -> QosLimits.DEFAULT_MODEL_TOKENS;
      default -> 0;
    };
    Duration window = r.getDeadlineMs() == 0 ? QosLimits.DEFAULT_WINDOW : Duration.ofMillis(r.getDeadlineMs());
    if (window.compareTo(QosLimits.MIN_WINDOW) < 0 || window.compareTo(QosLimits.MAX_WINDOW) > 0) {
      throw NodeException.invalidField("deadline_ms", "must be " + QosLimits.MIN_WINDOW.toMillis() + " to "
          + QosLimits.MAX_WINDOW.toMillis());
    }
    try {
      Challenge.checkDifficulty(type, difficulty);
    } catch (MalformedProofException e) {
      throw NodeException.invalidField("difficulty", e.getMessage());
    }
    try {
      Challenge.checkModel(type, r.getModel());
    } catch (MalformedProofException e) {
      throw NodeException.invalidField("model", e.getMessage());
    }
    PeerId provider = resolve(r.getProvider());
    if (provider.equals(node().peerId())) {
      throw NodeException.invalidField("provider", "is this node; a node does not challenge itself");
    }
    if (!node().reachable(provider)) {
      throw new NodeException(ErrorCode.NOT_FOUND, "provider " + provider + " is not connected and has no known "
          + "address; connect to it first", Map.of("provider", provider.toString()));
    }
    try {
      // The run completes by its deadline; the margin covers scoring and the write.
      // A model challenge first runs its prompt here (which may load the model): its margin covers that too.
      long margin = type == ChallengeType.MODEL ? 120_000 : 30_000;
      QosService.Scored scored = qos.challenge(type, provider, difficulty, r.getModel(), window)
          .get(window.toMillis() + margin, TimeUnit.MILLISECONDS);
      return result(stored(qos, scored.run().challenge().challenge().id()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeException(ErrorCode.UNAVAILABLE, "interrupted while the challenge ran");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof NodeException n) {
        throw n;
      }
      throw new NodeException(ErrorCode.UNAVAILABLE, "the challenge could not be recorded: " + e.getMessage());
    } catch (TimeoutException e) {
      throw new NodeException(ErrorCode.UNAVAILABLE, "the challenge could not be recorded: " + e.getMessage());
    }
  }

  public ListChallengesResponse list(ListChallengesRequest r) {
    int limit = limit(r.getLimit());
    return page(qos().challenges(token(r.getPageToken()), limit + 1), limit);
  }

  public QosChallengeResult get(GetChallengeRequest r) {
    return result(stored(qos(), id(r.getId(), "id")));
  }

  /** Verifies the stored proof of the challenge, or the one given; a proof given for another challenge is refused. */
  public VerifyProofResponse verify(VerifyProofRequest r) {
    String id = id(r.getId(), "id");
    byte[] bytes;
    if (!r.getProof().isEmpty()) {
      bytes = r.getProof().toByteArray();
    } else {
      QosChallengeRecord stored = stored(qos(), id);
      if (stored.proofBase64() == null) {
        throw new NodeException(ErrorCode.FAILED_PRECONDITION, "challenge " + id + " has no proof: " + stored.failure());
      }
      bytes = Base64.getDecoder().decode(stored.proofBase64());
    }
    SignedProof proof;
    try {
      proof = SignedProof.fromBytes(bytes);
    } catch (MalformedProofException e) {
      throw NodeException.invalidField("proof", "not a signed proof: " + e.getMessage());
    }
    Challenge c = proof.challenge().challenge();
    if (!c.id().equals(id)) {
      throw NodeException.invalidField("proof", "is a proof of challenge " + c.id() + ", not of " + id);
    }
    Verification v = ProofVerifier.verify(proof);
    if (v.late()) {
      throw new NodeException(ErrorCode.DEADLINE_EXCEEDED, v.reason(), Map.of("late", "true"));
    }
    return VerifyProofResponse.newBuilder().setValid(v.valid()).setReason(v.reason()).setChallengeId(c.id())
        .setProvider(c.provider()).setChallenger(c.challenger()).build();
  }

  /**
   * Answers, as the provider, the signed challenge given: the proof, or the provider's refusal as the error (a
   * challenge past its deadline is DEADLINE_EXCEEDED, a replay ALREADY_EXISTS, a forgery PERMISSION_DENIED).
   */
  public RespondChallengeResponse respond(RespondChallengeRequest r) {
    String id = id(r.getId(), "id");
    if (r.getChallenge().isEmpty()) {
      throw NodeException.invalidField("challenge", "is required: the signed challenge in its export form");
    }
    SignedChallenge challenge;
    try {
      challenge = SignedChallenge.fromBytes(r.getChallenge().toByteArray());
    } catch (MalformedProofException e) {
      throw NodeException.invalidField("challenge", "not a signed challenge: " + e.getMessage());
    }
    if (!challenge.challenge().id().equals(id)) {
      throw NodeException.invalidField("challenge", "is challenge " + challenge.challenge().id() + ", not " + id);
    }
    QosAnswer answer;
    try {
      // The answer comes by the challenge's deadline (compute stops there); the margin covers the queue.
      answer = answer(challenge).get(QosLimits.MAX_WINDOW.toMillis() + 30_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeException(ErrorCode.UNAVAILABLE, "interrupted while answering the challenge");
    } catch (ExecutionException | TimeoutException e) {
      throw new NodeException(ErrorCode.UNAVAILABLE, "the challenge could not be answered: " + e.getMessage());
    }
    if (answer instanceof QosAnswer.Refusal refusal) {
      throw new NodeException(refusal.code(), refusal.message());
    }
    SignedProof proof = ((QosAnswer.Proof) answer).proof();
    return RespondChallengeResponse.newBuilder().setChallengeId(id).setProof(ByteString.copyFrom(proof.toBytes()))
        .setAnsweredAt(proof.answeredAt().toString()).build();
  }

  public QosProviderScore score(GetProviderRequest r) {
    return scoreOf(state(r.getProvider()));
  }

  /**
   * The scores of several providers at once, in the order asked; those without a record, and names this node cannot
   * resolve (a peer gone since the caller listed it), are left out rather than failing the whole read.
   */
  public ListProviderScoresResponse scores(ListProviderScoresRequest r) {
    if (r.getProvidersCount() == 0) {
      throw NodeException.invalidField("providers", "is required: 1 to " + MAX_SCORES + " PeerIds or node ids");
    }
    if (r.getProvidersCount() > MAX_SCORES) {
      throw NodeException.invalidField("providers", "must name at most " + MAX_SCORES + " providers, not "
          + r.getProvidersCount());
    }
    for (int i = 0; i < r.getProvidersCount(); i++) {
      String name = r.getProviders(i);
      if (name.isBlank() || name.length() > MAX_NAME_CHARS) {
        throw NodeException.invalidField("providers[" + i + "]", "must be a PeerId or a node id (1 to "
            + MAX_NAME_CHARS + " characters)");
      }
    }
    QosService qos = qos();
    ListProviderScoresResponse.Builder b = ListProviderScoresResponse.newBuilder();
    Set<String> seen = new HashSet<>();
    for (String name : r.getProvidersList()) {
      node().resolvePeer(name).map(PeerId::toString).filter(seen::add).flatMap(qos::state)
          .ifPresent(s -> b.addScores(scoreOf(s)));
    }
    return b.build();
  }

  public QosProviderState state(GetProviderRequest r) {
    ProviderState s = state(r.getProvider());
    QosProviderState.Builder b = QosProviderState.newBuilder().setProvider(s.provider()).setScore(scoreOf(s))
        .setChallenges(s.challenges()).setFailures(s.failures()).setConsecutiveFailures(s.consecutiveFailures())
        .setSlashedFraction(s.slashedFraction()).setBanned(s.bannedAt(clock.instant()))
        .setPermanentBan(s.permanentBan()).setBanReason(s.banReason()).setUpdatedAt(s.updatedAt().toString());
    if (s.bannedUntil() != null) {
      b.setBannedUntil(s.bannedUntil().toString());
    }
    return b.build();
  }

  public ListChallengesResponse history(GetProviderHistoryRequest r) {
    String provider = resolve(r.getProvider()).toString();
    state(provider);
    int limit = limit(r.getLimit());
    return page(qos().history(provider, token(r.getPageToken()), limit + 1), limit);
  }

  /**
   * The slash evidence this node stored for a provider, newest first, each with the slash's journaled transaction.
   * A provider this node never slashed has an empty list, not NOT_FOUND: having no evidence is the common answer.
   */
  public ListProviderSlashesResponse slashes(ListProviderSlashesRequest r) {
    String provider = resolve(r.getProvider()).toString();
    int limit = limit(r.getLimit());
    String after = r.getPageToken().isEmpty() ? null : evidenceId(r.getPageToken());
    List<QosEvidenceRecord> records = qos().slashes(provider, after, limit + 1);
    ListProviderSlashesResponse.Builder b = ListProviderSlashesResponse.newBuilder();
    records.stream().limit(limit).forEach(e -> b.addSlashes(slash(e)));
    if (records.size() > limit) {
      b.setNextPageToken(records.get(limit - 1).id());
    }
    return b.build();
  }

  private QosSlash slash(QosEvidenceRecord e) {
    QosSlash.Builder b = QosSlash.newBuilder().setEvidenceId(e.id()).setProvider(e.provider())
        .setOperator(e.operator()).addAllChallengeIds(e.challengeIds()).setShareBps(e.shareBps())
        .setReason(e.reason()).setCreatedAt(e.createdAt().toString()).setJournalState("NOT_JOURNALED");
    for (String result : e.resultsBase64()) {
      // Stored only after verification: a result that no longer parses means a damaged database, said as such.
      try {
        b.addChallengers(SignedResult.fromBytes(Base64.getDecoder().decode(result)).challenge().challenge()
            .challenger());
      } catch (RuntimeException damaged) {
        b.addChallengers("(unreadable result)");
      }
    }
    operators.flatMap(o -> o.slashTx(e.id())).ifPresent(tx -> b.setTxHash(tx.hash()).setJournalState(tx.state()));
    return b.build();
  }

  private static String evidenceId(String token) {
    if (!token.matches("[0-9a-f]{64}")) {
      throw NodeException.invalidField("page_token", "must be an evidence id (64 hex characters)");
    }
    return token;
  }

  private ProviderState state(String name) {
    String provider = resolve(name).toString();
    return qos().state(provider).orElseThrow(() -> new NodeException(ErrorCode.NOT_FOUND,
        "this node has no QoS record of provider " + provider + " yet (it has not challenged it, nor heard of a"
            + " passed challenge of it)", Map.of("provider", provider)));
  }

  private static QosProviderScore scoreOf(ProviderState s) {
    return QosProviderScore.newBuilder().setProvider(s.provider()).setComposite(s.composite())
        .setCompute(s.compute()).setLatency(s.latency()).setBandwidth(s.bandwidth())
        .setAvailability(s.availability()).setConsistency(s.consistency()).setConfidence(s.confidence())
        .setTrend(s.trend()).setChallenges(s.challenges()).build();
  }

  private static ListChallengesResponse page(List<QosChallengeRecord> records, int limit) {
    ListChallengesResponse.Builder b = ListChallengesResponse.newBuilder();
    records.stream().limit(limit).forEach(c -> b.addChallenges(result(c)));
    if (records.size() > limit) {
      b.setNextPageToken(records.get(limit - 1).id());
    }
    return b.build();
  }

  static QosChallengeResult result(QosChallengeRecord c) {
    QosChallengeResult.Builder b = QosChallengeResult.newBuilder().setId(c.id()).setType(c.type())
        .setProvider(c.provider()).setChallenger(c.challenger()).setDifficulty(c.difficulty())
        .setIssuedAt(c.issuedAt().toString()).setDeadline(c.deadline().toString()).setPassed(c.passed())
        .setFailure(c.failure()).setRoundTripMs(c.roundTripNanos() / 1e6).setPingRttMs(c.pingRttNanos() / 1e6)
        .setBytesPerSecond(c.bytesPerSecond()).setFinishedAt(c.finishedAt().toString());
    if (c.proofBase64() != null) {
      b.setProof(ByteString.copyFrom(Base64.getDecoder().decode(c.proofBase64())));
    }
    return b.build();
  }

  private PeerId resolve(String name) {
    if (name.isBlank()) {
      throw NodeException.invalidField("provider", "is required: a PeerId or a node id");
    }
    return node().resolvePeer(name).orElseThrow(() -> new NodeException(ErrorCode.NOT_FOUND, "provider '" + name
        + "' is neither a PeerId nor the node id of a node this one hears from", Map.of("provider", name)));
  }

  private static int limit(int requested) {
    if (requested > MAX_PAGE) {
      throw NodeException.invalidField("limit", "must be at most " + MAX_PAGE);
    }
    return requested == 0 ? DEFAULT_PAGE : requested;
  }

  private static String token(String pageToken) {
    return pageToken.isEmpty() ? null : id(pageToken, "page_token");
  }

  private static String id(String id, String field) {
    if (!id.matches("[0-9a-f]{" + QosLimits.ID_CHARS + "}")) {
      throw NodeException.invalidField(field, "must be a challenge id (" + QosLimits.ID_CHARS + " hex characters)");
    }
    return id;
  }

  private P2pNode node() {
    return p2p.orElseThrow(() -> new NodeException(ErrorCode.UNIMPLEMENTED, "this node runs without libp2p"));
  }

  /** Answers as the provider; UNAVAILABLE before the qos protocol started. */
  private CompletableFuture<QosAnswer> answer(SignedChallenge challenge) {
    return node().protocols().find(QosPeerProtocol.class).map(q -> q.answer(challenge))
        .orElseGet(() -> CompletableFuture.failedFuture(new NodeException(ErrorCode.UNAVAILABLE,
            "this node does not answer qos challenges yet")));
  }

  private QosService qos() {
    return node().protocols().find(QosPeerProtocol.class).map(QosPeerProtocol::service).orElseThrow(() -> new NodeException(ErrorCode.UNAVAILABLE,
        "the libp2p host has not started yet"));
  }

  /** One stored challenge; NOT_FOUND when there is none. */
  private static QosChallengeRecord stored(QosService qos, String id) {
    return qos.challengeRecord(id).orElseThrow(() -> NodeException.notFound("challenge", id));
  }
}
