package ai.hanzo.node.app;

import ai.hanzo.node.api.endpoint.InferenceEndpoint;
import ai.hanzo.node.api.mapping.TextGeneration;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.iam.Iam;
import ai.hanzo.node.iam.Permission;
import ai.hanzo.node.iam.Principal;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.ChatMessage;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.Embeddings;
import ai.hanzo.node.p2p.inference.InferenceLimits;
import ai.hanzo.node.p2p.inference.InferenceService;
import ai.hanzo.node.p2p.inference.RemoteEmbedCall;
import ai.hanzo.node.p2p.inference.RemoteRequest;
import ai.hanzo.node.p2p.inference.RemoteCall;
import ai.hanzo.node.p2p.inference.RemoteReply;
import ai.hanzo.node.storage.AuditEntry;
import ai.hanzo.node.storage.AuditLog;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generations other nodes forward here ({@code /hanzo/inference/1.0.0}), served by this node's own model server
 * (never forwarded again, so requests cannot loop) and recorded in its usage log with API {@code network} for the
 * original caller and org. With IAM on, the sending peer is the principal
 * {@code peer:<PeerId>} with the roles bound to that subject and needs {@code inference:execute}, like a local
 * caller of the generation routes; every call is audited as {@code p2p:inference} with the model as resource and
 * the original caller's subject and org as details. Forwarded embeddings batches are served, authorized, audited
 * and recorded the same way. With IAM off this node serves every peer, as it serves every
 * local caller: the Noise handshake still proves which peer asked, and the audit log still names it.
 */
final class NetworkInferenceService implements InferenceService {
  static final String ACTION = "p2p:inference";
  private static final Logger log = LoggerFactory.getLogger(NetworkInferenceService.class);
  private static final Permission INFERENCE_EXECUTE = Permission.of("inference", "execute");

  private final String nodeId;
  private final InferenceEndpoint inference;
  private final Iam iam;
  private final AuditLog audit;
  private final Clock clock;

  /** @param iam null when IAM is disabled */
  NetworkInferenceService(String nodeId, InferenceEndpoint inference, Iam iam, AuditLog audit, Clock clock) {
    this.nodeId = nodeId;
    this.inference = inference;
    this.iam = iam;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  @Override
  public Running start(String peerId, RemoteCall call, Consumer<String> tokens) {
    authorize(peerId, call, "run generations");
    Cancellation cancellation = new Cancellation();
    CompletableFuture<Completion> running;
    try {
      GenerationParams params = new GenerationParams(call.maxTokens(), call.temperature(), call.topP(), call.stop(),
          call.seed());
      List<ChatMessage> messages = call.messages().stream().map(t -> new ChatMessage(t.role(), t.content())).toList();
      running = inference.generateForwarded(new TextGeneration(call.model(), call.prompt(), params, call.stream(),
          false, messages), "fwd-" + UUID.randomUUID(), call.callerSubject(), call.callerOrg(), tokens::accept, cancellation);
    } catch (NodeException e) {
      record(peerId, call, "FAILED", e.code() + ": " + e.getMessage());
      throw e;
    }
    record(peerId, call, "OK", "accepted");
    CompletableFuture<RemoteReply.Done> done = running.thenApply(c -> {
      String reason = c.finishReason().name().toLowerCase(Locale.ROOT);
      log.info("Served a generation of model {} forwarded by peer {}: {} after {} tokens", call.model(), peerId,
          reason, c.completionTokens());
      return new RemoteReply.Done(c.text(), reason, c.promptTokens(), c.completionTokens());
    });
    return new Running() {
      @Override
      public CompletableFuture<RemoteReply.Done> done() {
        return done;
      }

      @Override
      public void cancel() {
        cancellation.cancel();
      }
    };
  }

  /**
   * The embeddings of a forwarded batch by this node's own model server, L2-normalised as it answers its own
   * clients; authorized, audited ({@code p2p:inference}) and recorded in the usage log as a generation is. A batch
   * whose vectors together would exceed {@link InferenceLimits#MAX_EMBED_VALUES} fails (INVALID_ARGUMENT) rather
   * than send an answer the caller must refuse.
   */
  @Override
  public Running embed(String peerId, RemoteEmbedCall call) {
    authorize(peerId, call, "compute embeddings");
    Cancellation cancellation = new Cancellation();
    CompletableFuture<Embeddings> running;
    try {
      running = inference.embedForwarded(call.model(), call.inputs(), "fwd-" + UUID.randomUUID(),
          call.callerSubject(), call.callerOrg(), cancellation);
    } catch (NodeException e) {
      record(peerId, call, "FAILED", e.code() + ": " + e.getMessage());
      throw e;
    }
    record(peerId, call, "OK", "accepted embeddings of " + call.inputs().size() + " inputs");
    CompletableFuture<RemoteReply.Embedded> done = running.thenApply(e -> {
      if (e == null) {
        throw new NodeException(ErrorCode.UNAVAILABLE, "the embeddings were cancelled");
      }
      long values = 0;
      for (float[] v : e.vectors()) {
        values += v.length;
      }
      if (values > InferenceLimits.MAX_EMBED_VALUES || e.vectors().get(0).length
          > InferenceLimits.MAX_EMBED_DIMENSION) {
        throw new NodeException(ErrorCode.INVALID_ARGUMENT, "the embeddings of model '" + call.model() + "' hold "
            + values + " values (dimension " + e.vectors().get(0).length + "), more than the "
            + InferenceLimits.MAX_EMBED_VALUES + " (dimension " + InferenceLimits.MAX_EMBED_DIMENSION
            + ") one network answer carries; send fewer inputs at once");
      }
      log.info("Served embeddings of {} inputs by model {} forwarded by peer {}", call.inputs().size(),
          call.model(), peerId);
      return new RemoteReply.Embedded(e.vectors(), e.promptTokens());
    });
    return new Running() {
      @Override
      public CompletableFuture<RemoteReply.Embedded> done() {
        return done;
      }

      @Override
      public void cancel() {
        cancellation.cancel();
      }
    };
  }

  /** With IAM on, the sending peer needs {@code inference:execute}; a refusal is audited and PERMISSION_DENIED. */
  private void authorize(String peerId, RemoteRequest call, String what) {
    if (iam != null) {
      Principal peer = IamCommandAuthority.peerPrincipal(iam, peerId);
      if (!iam.authorizer().allows(peer, INFERENCE_EXECUTE)) {
        record(peerId, call, "DENIED", peer.subject() + " lacks " + INFERENCE_EXECUTE + " (roles " + peer.roles()
            + ")");
        throw new NodeException(ErrorCode.PERMISSION_DENIED, "peer " + peerId + " may not " + what + " on node "
            + nodeId + ": " + peer.subject() + " lacks " + INFERENCE_EXECUTE);
      }
    }
  }

  private void record(String peerId, RemoteRequest call, String outcome, String detail) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("caller", call.callerSubject());
    details.put("caller_org", call.callerOrg());
    details.put("detail", detail.length() > 512 ? detail.substring(0, 512) : detail);
    audit.append(new AuditEntry(clock.instant(), IamCommandAuthority.subject(peerId), ACTION, call.model(), outcome,
        null, details));
  }
}
