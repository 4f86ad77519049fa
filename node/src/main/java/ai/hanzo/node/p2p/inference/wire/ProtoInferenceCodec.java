package ai.hanzo.node.p2p.inference.wire;

import ai.hanzo.node.api.v1.InferenceAccepted;
import ai.hanzo.node.api.v1.InferenceCall;
import ai.hanzo.node.api.v1.InferenceChatTurn;
import ai.hanzo.node.api.v1.InferenceDone;
import ai.hanzo.node.api.v1.InferenceEmbedCall;
import ai.hanzo.node.api.v1.InferenceEmbeddings;
import ai.hanzo.node.api.v1.InferenceFailure;
import ai.hanzo.node.api.v1.InferenceReply;
import ai.hanzo.node.api.v1.InferenceToken;
import ai.hanzo.node.api.v1.InferenceVector;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.inference.InferenceCodec;
import ai.hanzo.node.p2p.inference.InferenceLimits;
import ai.hanzo.node.p2p.inference.RemoteCall;
import ai.hanzo.node.p2p.inference.RemoteEmbedCall;
import ai.hanzo.node.p2p.inference.RemoteRequest;
import ai.hanzo.node.p2p.inference.RemoteReply;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code /hanzo/inference/1.0.0} messages as {@code network_inference.proto}, protobuf binary. The decoders check every
 * field's size and name the one that is missing or too long; the encoders clip what the decoders would refuse
 * (error messages and details), so a long error never makes our own answer unreadable.
 */
public final class ProtoInferenceCodec implements InferenceCodec {
  private static final Set<String> FINISH_REASONS = Set.of("stop", "length", "cancelled");

  @Override
  public byte[] encodeCall(RemoteCall c) {
    return InferenceCall.newBuilder().setModel(c.model()).setPrompt(c.prompt()).setMaxTokens(c.maxTokens())
        .setTemperature(c.temperature()).setTopP(c.topP()).addAllStop(c.stop()).setSeed(c.seed())
        .setStream(c.stream()).setCallerSubject(clip(c.callerSubject(), InferenceLimits.MAX_SHORT))
        .setCallerOrg(clip(c.callerOrg(), InferenceLimits.MAX_SHORT))
        .addAllMessages(c.messages().stream().map(t -> InferenceChatTurn.newBuilder().setRole(t.role())
            .setContent(t.content()).build()).toList()).build().toByteArray();
  }

  @Override
  public byte[] encodeEmbed(RemoteEmbedCall c) {
    return InferenceCall.newBuilder().setModel(c.model())
        .setEmbed(InferenceEmbedCall.newBuilder().addAllInput(c.inputs()))
        .setCallerSubject(clip(c.callerSubject(), InferenceLimits.MAX_SHORT))
        .setCallerOrg(clip(c.callerOrg(), InferenceLimits.MAX_SHORT)).build().toByteArray();
  }

  @Override
  public RemoteCall decodeCall(byte[] bytes) {
    if (decodeRequest(bytes) instanceof RemoteCall call) {
      return call;
    }
    throw new MalformedPayloadException("an embeddings call where a generation call was expected");
  }

  @Override
  public RemoteRequest decodeRequest(byte[] bytes) {
    InferenceCall m;
    try {
      m = InferenceCall.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedPayloadException("not an InferenceCall message: " + e.getMessage(), e);
    }
    return m.hasEmbed() ? embedCall(m) : generationCall(m);
  }

  private static RemoteEmbedCall embedCall(InferenceCall m) {
    InferenceEmbedCall e = m.getEmbed();
    if (e.getInputCount() == 0 || e.getInputCount() > InferenceLimits.MAX_EMBED_INPUTS) {
      throw new MalformedPayloadException("embed.input must hold 1 to " + InferenceLimits.MAX_EMBED_INPUTS
          + " texts, held " + e.getInputCount());
    }
    long chars = 0;
    for (String input : e.getInputList()) {
      chars += input.length();
    }
    if (chars > InferenceLimits.MAX_EMBED_CHARS) {
      throw new MalformedPayloadException("embed.input holds more than " + InferenceLimits.MAX_EMBED_CHARS
          + " characters");
    }
    return new RemoteEmbedCall(required("model", m.getModel(), InferenceLimits.MAX_SHORT), e.getInputList(),
        text("caller_subject", m.getCallerSubject(), InferenceLimits.MAX_SHORT),
        text("caller_org", m.getCallerOrg(), InferenceLimits.MAX_SHORT));
  }

  private static RemoteCall generationCall(InferenceCall m) {
    if (m.getMaxTokens() == 0 || m.getMaxTokens() > Integer.MAX_VALUE) {
      throw new MalformedPayloadException("max_tokens is missing");
    }
    if (m.getStopCount() > InferenceLimits.MAX_STOP) {
      throw new MalformedPayloadException("stop has more than " + InferenceLimits.MAX_STOP + " entries");
    }
    List<String> stop = m.getStopList();
    stop.forEach(s -> text("stop", s, InferenceLimits.MAX_SHORT));
    if (m.getMessagesCount() > InferenceLimits.MAX_MESSAGES) {
      throw new MalformedPayloadException("messages has more than " + InferenceLimits.MAX_MESSAGES + " entries");
    }
    long chars = 0;
    List<RemoteCall.Turn> messages = new java.util.ArrayList<>();
    for (InferenceChatTurn t : m.getMessagesList()) {
      chars += t.getContent().length();
      if (chars > InferenceLimits.MAX_TEXT) {
        throw new MalformedPayloadException("messages hold more than " + InferenceLimits.MAX_TEXT + " characters");
      }
      messages.add(new RemoteCall.Turn(required("messages.role", t.getRole(), InferenceLimits.MAX_SHORT),
          text("messages.content", t.getContent(), InferenceLimits.MAX_TEXT)));
    }
    return new RemoteCall(required("model", m.getModel(), InferenceLimits.MAX_SHORT),
        required("prompt", m.getPrompt(), InferenceLimits.MAX_TEXT), m.getMaxTokens(), m.getTemperature(),
        m.getTopP(), stop, m.getSeed(), m.getStream(),
        text("caller_subject", m.getCallerSubject(), InferenceLimits.MAX_SHORT),
        text("caller_org", m.getCallerOrg(), InferenceLimits.MAX_SHORT), messages);
  }

  @Override
  public byte[] encodeReply(RemoteReply reply) {
    InferenceReply.Builder b = InferenceReply.newBuilder();
    if (reply instanceof RemoteReply.Accepted a) {
      b.setAccepted(InferenceAccepted.newBuilder().setNodeId(a.nodeId()));
    } else if (reply instanceof RemoteReply.Token t) {
      b.setToken(InferenceToken.newBuilder().setText(t.text()));
    } else if (reply instanceof RemoteReply.Done d) {
      b.setDone(InferenceDone.newBuilder().setText(d.text()).setFinishReason(d.finishReason())
          .setPromptTokens(d.promptTokens()).setCompletionTokens(d.completionTokens()));
    } else if (reply instanceof RemoteReply.Embedded e) {
      InferenceEmbeddings.Builder eb = InferenceEmbeddings.newBuilder().setPromptTokens(e.promptTokens());
      for (float[] vector : e.vectors()) {
        InferenceVector.Builder v = InferenceVector.newBuilder();
        for (float f : vector) {
          v.addValues(f);
        }
        eb.addVectors(v);
      }
      b.setEmbeddings(eb);
    } else {
      RemoteReply.Failure f = (RemoteReply.Failure) reply;
      Map<String, String> details = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : new TreeMap<>(f.details()).entrySet()) {
        if (details.size() == InferenceLimits.MAX_DETAILS) {
          break;
        }
        details.put(clip(e.getKey(), InferenceLimits.MAX_SHORT), clip(e.getValue(), InferenceLimits.MAX_SHORT));
      }
      b.setFailure(InferenceFailure.newBuilder().setCode(f.code().name())
          .setMessage(clip(f.message(), InferenceLimits.MAX_ERROR)).putAllDetails(details));
    }
    return b.build().toByteArray();
  }

  @Override
  public RemoteReply decodeReply(byte[] bytes) {
    InferenceReply m;
    try {
      m = InferenceReply.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedPayloadException("not an InferenceReply message: " + e.getMessage(), e);
    }
    return switch (m.getKindCase()) {
      case ACCEPTED -> new RemoteReply.Accepted(required("accepted.node_id", m.getAccepted().getNodeId(),
          InferenceLimits.MAX_SHORT));
      case TOKEN -> new RemoteReply.Token(required("token.text", m.getToken().getText(), InferenceLimits.MAX_TEXT));
      case DONE -> done(m.getDone());
      case FAILURE -> failure(m.getFailure());
      case EMBEDDINGS -> embedded(m.getEmbeddings());
      case KIND_NOT_SET -> throw new MalformedPayloadException(
          "the reply is none of accepted, token, done, failure, embeddings");
    };
  }

  private static RemoteReply.Done done(InferenceDone d) {
    if (!FINISH_REASONS.contains(d.getFinishReason())) {
      throw new MalformedPayloadException("done.finish_reason must be stop, length or cancelled, was '"
          + clip(d.getFinishReason(), 32) + "'");
    }
    return new RemoteReply.Done(text("done.text", d.getText(), InferenceLimits.MAX_COMPLETION), d.getFinishReason(),
        count("done.prompt_tokens", d.getPromptTokens()), count("done.completion_tokens", d.getCompletionTokens()));
  }

  /**
   * Checks what a caller relies on before it answers its own client: 1 to 256 vectors of one dimension within the
   * limit, at most {@link InferenceLimits#MAX_EMBED_VALUES} values, every one finite. (That there is one vector per
   * input the caller checks: only it knows the inputs.)
   */
  private static RemoteReply.Embedded embedded(InferenceEmbeddings e) {
    int count = e.getVectorsCount();
    if (count == 0 || count > InferenceLimits.MAX_EMBED_INPUTS) {
      throw new MalformedPayloadException("embeddings.vectors must hold 1 to " + InferenceLimits.MAX_EMBED_INPUTS
          + " vectors, held " + count);
    }
    int dimension = e.getVectors(0).getValuesCount();
    if (dimension == 0 || dimension > InferenceLimits.MAX_EMBED_DIMENSION) {
      throw new MalformedPayloadException("embeddings.vectors have dimension " + dimension + ", not 1 to "
          + InferenceLimits.MAX_EMBED_DIMENSION);
    }
    if ((long) dimension * count > InferenceLimits.MAX_EMBED_VALUES) {
      throw new MalformedPayloadException("embeddings hold more than " + InferenceLimits.MAX_EMBED_VALUES
          + " values");
    }
    List<float[]> vectors = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      InferenceVector v = e.getVectors(i);
      if (v.getValuesCount() != dimension) {
        throw new MalformedPayloadException("embeddings.vectors[" + i + "] has dimension " + v.getValuesCount()
            + ", vectors[0] " + dimension);
      }
      float[] values = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        float f = v.getValues(j);
        if (!Float.isFinite(f)) {
          throw new MalformedPayloadException("embeddings.vectors[" + i + "][" + j + "] is not a finite number");
        }
        values[j] = f;
      }
      vectors.add(values);
    }
    return new RemoteReply.Embedded(vectors, count("embeddings.prompt_tokens", e.getPromptTokens()));
  }

  private static RemoteReply.Failure failure(InferenceFailure f) {
    ErrorCode code;
    try {
      code = ErrorCode.valueOf(f.getCode());
    } catch (IllegalArgumentException e) {
      throw new MalformedPayloadException("failure.code '" + clip(f.getCode(), 32) + "' is not an error code");
    }
    if (f.getDetailsCount() > InferenceLimits.MAX_DETAILS) {
      throw new MalformedPayloadException("failure.details has more than " + InferenceLimits.MAX_DETAILS
          + " entries");
    }
    f.getDetailsMap().forEach((k, v) -> {
      text("failure.details key", k, InferenceLimits.MAX_SHORT);
      text("failure.details " + clip(k, 32), v, InferenceLimits.MAX_SHORT);
    });
    return new RemoteReply.Failure(code, text("failure.message", f.getMessage(), InferenceLimits.MAX_ERROR),
        f.getDetailsMap());
  }

  private static int count(String name, int value) {
    if (value < 0) {
      throw new MalformedPayloadException(name + " is above 2^31");
    }
    return value;
  }

  private static String required(String name, String value, int max) {
    if (value.isEmpty()) {
      throw new MalformedPayloadException(name + " is missing");
    }
    return text(name, value, max);
  }

  private static String text(String name, String value, int max) {
    if (value.length() > max) {
      throw new MalformedPayloadException(name + " is longer than " + max + " characters");
    }
    return value;
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
