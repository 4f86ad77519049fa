package ai.hanzo.node.p2p.qos.wire;

import ai.hanzo.node.api.v1.QosChallenge;
import ai.hanzo.node.api.v1.QosProof;
import ai.hanzo.node.api.v1.QosRefusal;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.qos.QosAnswer;
import ai.hanzo.node.p2p.qos.QosCodec;
import ai.hanzo.node.p2p.qos.QosProtocol;
import ai.hanzo.node.qos.Challenge;
import ai.hanzo.node.qos.ChallengeType;
import ai.hanzo.node.qos.SignedChallenge;
import ai.hanzo.node.qos.SignedProof;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * {@code /hanzo/qos/1.0.0} messages as {@code qos.proto}, protobuf binary. Field rules (lengths, ranges, the
 * deadline window) are the domain records' own, so a message decodes only into a challenge or proof that could have
 * been signed; their refusals come out as {@link MalformedPayloadException}s naming the field.
 */
public final class ProtoQosCodec implements QosCodec {
  @Override
  public byte[] encodeChallenge(SignedChallenge challenge) {
    return message(challenge).toByteArray();
  }

  @Override
  public SignedChallenge decodeChallenge(byte[] bytes) {
    try {
      return challenge(QosChallenge.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedPayloadException("not a QosChallenge message: " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] encodeAnswer(QosAnswer answer) {
    ai.hanzo.node.api.v1.QosAnswer.Builder b = ai.hanzo.node.api.v1.QosAnswer.newBuilder();
    if (answer instanceof QosAnswer.Proof p) {
      SignedProof proof = p.proof();
      b.setProof(QosProof.newBuilder().setChallenge(message(proof.challenge()))
          .setAnswer(ByteString.copyFrom(proof.answer())).setAnsweredAtMs(proof.answeredAt().toEpochMilli())
          .setSignature(ByteString.copyFrom(proof.signature())));
    } else {
      QosAnswer.Refusal r = (QosAnswer.Refusal) answer;
      String message = r.message().length() <= QosProtocol.MAX_REFUSAL ? r.message()
          : r.message().substring(0, QosProtocol.MAX_REFUSAL);
      b.setRefusal(QosRefusal.newBuilder().setCode(r.code().name()).setMessage(message));
    }
    return b.build().toByteArray();
  }

  @Override
  public QosAnswer decodeAnswer(byte[] bytes) {
    ai.hanzo.node.api.v1.QosAnswer m;
    try {
      m = ai.hanzo.node.api.v1.QosAnswer.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedPayloadException("not a QosAnswer message: " + e.getMessage(), e);
    }
    return switch (m.getKindCase()) {
      case PROOF -> proof(m.getProof());
      case REFUSAL -> refusal(m.getRefusal());
      case KIND_NOT_SET -> throw new MalformedPayloadException("the answer is neither a proof nor a refusal");
    };
  }

  private static QosAnswer.Proof proof(QosProof p) {
    if (!p.hasChallenge()) {
      throw new MalformedPayloadException("proof.challenge is missing");
    }
    SignedChallenge challenge = challenge(p.getChallenge());
    try {
      return new QosAnswer.Proof(new SignedProof(challenge, HexFormat.of().formatHex(p.getAnswer().toByteArray()),
          instant("proof.answered_at_ms", p.getAnsweredAtMs()), p.getSignature().toByteArray()));
    } catch (IllegalArgumentException e) {
      throw new MalformedPayloadException("proof: " + e.getMessage(), e);
    }
  }

  private static QosAnswer.Refusal refusal(QosRefusal r) {
    ErrorCode code;
    try {
      code = ErrorCode.valueOf(r.getCode());
    } catch (IllegalArgumentException e) {
      throw new MalformedPayloadException("refusal.code is not an error code");
    }
    if (r.getMessage().length() > QosProtocol.MAX_REFUSAL) {
      throw new MalformedPayloadException("refusal.message is longer than " + QosProtocol.MAX_REFUSAL
          + " characters");
    }
    return new QosAnswer.Refusal(code, r.getMessage());
  }

  private static QosChallenge message(SignedChallenge s) {
    Challenge c = s.challenge();
    return QosChallenge.newBuilder().setId(c.id()).setType(c.type().label()).setDifficulty(c.difficulty())
        .setChallenger(c.challenger()).setProvider(c.provider()).setSeed(ByteString.copyFrom(c.seed()))
        .setIssuedAtMs(c.issuedAt().toEpochMilli()).setDeadlineMs(c.deadline().toEpochMilli())
        .setSignature(ByteString.copyFrom(s.signature())).setModel(c.model()).build();
  }

  private static SignedChallenge challenge(QosChallenge m) {
    ChallengeType type = ChallengeType.parse(m.getType()).orElseThrow(() -> new MalformedPayloadException(
        "challenge.type must be compute, latency, bandwidth, availability or model"));
    try {
      Challenge c = new Challenge(m.getId(), type, m.getDifficulty(), m.getChallenger(), m.getProvider(),
          HexFormat.of().formatHex(m.getSeed().toByteArray()), instant("challenge.issued_at_ms", m.getIssuedAtMs()),
          instant("challenge.deadline_ms", m.getDeadlineMs()), m.getModel());
      return new SignedChallenge(c, m.getSignature().toByteArray());
    } catch (IllegalArgumentException e) {
      throw new MalformedPayloadException("challenge: " + e.getMessage(), e);
    }
  }

  private static Instant instant(String field, long millis) {
    if (millis < 0 || millis > 32503680000000L) {
      throw new MalformedPayloadException(field + " is not a time between 1970 and 3000");
    }
    return Instant.ofEpochMilli(millis);
  }
}
