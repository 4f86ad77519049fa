package ai.hanzo.node.p2p.inference.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.inference.InferenceLimits;
import ai.hanzo.node.p2p.inference.RemoteCall;
import ai.hanzo.node.p2p.inference.RemoteEmbedCall;
import ai.hanzo.node.p2p.inference.RemoteReply;
import ai.hanzo.testing.RandomCases;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Properties of the {@code /hanzo/inference/1.0.0} codec over seeded random cases (the seed is printed on a
 * failure): every message survives encode/decode; arbitrary and mutated bytes decode to a message or a
 * MalformedPayloadException, nothing else; oversized fields are refused naming the field.
 */
class ProtoInferenceCodecTest {
  private static final ProtoInferenceCodec CODEC = new ProtoInferenceCodec();

  @Test
  void callsRoundTrip() {
    RandomCases.forAll(500, gen -> {
      RemoteCall call = call(gen);
      assertThat(CODEC.decodeCall(CODEC.encodeCall(call))).isEqualTo(call);
    });
  }

  @Test
  void repliesRoundTrip() {
    RandomCases.forAll(500, gen -> {
      for (RemoteReply reply : List.of(new RemoteReply.Accepted("node-" + gen.key()),
          new RemoteReply.Token("t" + gen.text()),
          new RemoteReply.Done(gen.text(), List.of("stop", "length", "cancelled").get(gen.nextInt(3)),
              gen.nextInt(Integer.MAX_VALUE), gen.nextInt(Integer.MAX_VALUE)),
          new RemoteReply.Failure(ErrorCode.values()[gen.nextInt(ErrorCode.values().length)], gen.text(),
              gen.nextBoolean() ? Map.of(gen.key(), gen.text()) : Map.of()))) {
        assertThat(CODEC.decodeReply(CODEC.encodeReply(reply))).isEqualTo(reply);
      }
    });
  }

  @Test
  void embedCallsRoundTripAndStayApartFromGenerations() {
    RandomCases.forAll(500, gen -> {
      RemoteEmbedCall call = embedCall(gen);
      assertThat(CODEC.decodeRequest(CODEC.encodeEmbed(call))).isEqualTo(call);
      assertThat(CODEC.decodeRequest(CODEC.encodeRequest(call))).isEqualTo(call);
      RemoteCall generation = call(gen);
      assertThat(CODEC.decodeRequest(CODEC.encodeCall(generation))).isEqualTo(generation);
      assertThatThrownBy(() -> CODEC.decodeCall(CODEC.encodeEmbed(call)))
          .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("embeddings call");
    });
  }

  @Test
  void embeddingsRepliesRoundTrip() {
    RandomCases.forAll(300, gen -> {
      RemoteReply.Embedded reply = embedded(gen, 1 + gen.nextInt(8), 1 + gen.nextInt(64));
      RemoteReply.Embedded back = (RemoteReply.Embedded) CODEC.decodeReply(CODEC.encodeReply(reply));
      assertThat(back.promptTokens()).isEqualTo(reply.promptTokens());
      assertThat(back.vectors()).hasSameSizeAs(reply.vectors());
      for (int i = 0; i < reply.vectors().size(); i++) {
        assertThat(back.vectors().get(i)).containsExactly(reply.vectors().get(i));
      }
    });
  }

  @Test
  void embedLimitsAreNamed() {
    assertThatThrownBy(() -> CODEC.decodeRequest(CODEC.encodeEmbed(new RemoteEmbedCall("tiny", List.of(), "", ""))))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("embed.input must hold 1 to 256");
    List<String> tooMany = Collections.nCopies(InferenceLimits.MAX_EMBED_INPUTS + 1, "x");
    assertThatThrownBy(() -> CODEC.decodeRequest(CODEC.encodeEmbed(new RemoteEmbedCall("tiny", tooMany, "", ""))))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("held 257");
    List<String> tooLong = List.of("x".repeat(InferenceLimits.MAX_EMBED_CHARS), "y");
    assertThatThrownBy(() -> CODEC.decodeRequest(CODEC.encodeEmbed(new RemoteEmbedCall("tiny", tooLong, "", ""))))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("more than 1000000 characters");
    assertThatThrownBy(() -> CODEC.decodeRequest(CODEC.encodeEmbed(new RemoteEmbedCall("", List.of("a"), "", ""))))
        .isInstanceOf(MalformedPayloadException.class).hasMessage("model is missing");
    // The largest batch the limits allow fits one message both ways.
    List<String> largest = Collections.nCopies(InferenceLimits.MAX_EMBED_INPUTS,
        "\u4e16".repeat(InferenceLimits.MAX_EMBED_CHARS / InferenceLimits.MAX_EMBED_INPUTS));
    assertThat(CODEC.encodeEmbed(new RemoteEmbedCall("tiny", largest, "s".repeat(256), "o".repeat(256))).length)
        .isLessThanOrEqualTo(InferenceLimits.MAX_MESSAGE);
    int dimension = InferenceLimits.MAX_EMBED_VALUES / InferenceLimits.MAX_EMBED_INPUTS;
    assertThat(CODEC.encodeReply(new RemoteReply.Embedded(Collections.nCopies(InferenceLimits.MAX_EMBED_INPUTS,
        new float[dimension]), Integer.MAX_VALUE)).length).isLessThanOrEqualTo(InferenceLimits.MAX_MESSAGE);
  }

  @Test
  void malformedEmbeddingsAreRefusedNamingWhy() {
    assertThatThrownBy(() -> CODEC.decodeReply(CODEC.encodeReply(new RemoteReply.Embedded(List.of(), 1))))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("1 to 256 vectors");
    assertThatThrownBy(() -> CODEC.decodeReply(CODEC.encodeReply(new RemoteReply.Embedded(
        List.of(new float[] {1, 0}, new float[] {1}), 1))))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("vectors[1] has dimension 1");
    assertThatThrownBy(() -> CODEC.decodeReply(CODEC.encodeReply(new RemoteReply.Embedded(
        List.of(new float[0]), 1)))).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("dimension 0");
    assertThatThrownBy(() -> CODEC.decodeReply(CODEC.encodeReply(new RemoteReply.Embedded(
        List.of(new float[InferenceLimits.MAX_EMBED_DIMENSION + 1]), 1))))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("dimension 16385");
    assertThatThrownBy(() -> CODEC.decodeReply(CODEC.encodeReply(new RemoteReply.Embedded(
        Collections.nCopies(100, new float[InferenceLimits.MAX_EMBED_DIMENSION]), 1))))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("more than 1000000 values");
    assertThatThrownBy(() -> CODEC.decodeReply(CODEC.encodeReply(new RemoteReply.Embedded(
        List.of(new float[] {0.5f, Float.NaN}), 1)))).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("vectors[0][1] is not a finite number");
  }

  @Test
  void anyBytesDecodeToAMessageOrAreMalformed() {
    RandomCases.forAll(2000, gen -> {
      byte[] input = gen.nextBoolean() ? gen.bytes(256) : mutate(gen, switch (gen.nextInt(4)) {
        case 0 -> CODEC.encodeCall(call(gen));
        case 1 -> CODEC.encodeEmbed(embedCall(gen));
        case 2 -> CODEC.encodeReply(embedded(gen, 1 + gen.nextInt(3), 1 + gen.nextInt(8)));
        default -> CODEC.encodeReply(new RemoteReply.Done(gen.text(), "stop", 1, 2));
      });
      decodesOrIsMalformed(input);
    });
  }

  @Test
  void oversizedAndMissingFieldsAreNamed() {
    RemoteCall ok = new RemoteCall("tiny", "hello", 8, 0, 1, List.of(), 0, false, "", "");
    assertThatThrownBy(() -> CODEC.decodeCall(CODEC.encodeCall(new RemoteCall("tiny",
        "x".repeat(InferenceLimits.MAX_TEXT + 1), 8, 0, 1, List.of(), 0, false, "", ""))))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("prompt is longer than");
    assertThatThrownBy(() -> CODEC.decodeCall(CODEC.encodeCall(new RemoteCall("", "hello", 8, 0, 1, List.of(), 0,
        false, "", "")))).isInstanceOf(MalformedPayloadException.class).hasMessage("model is missing");
    assertThatThrownBy(() -> CODEC.decodeCall(CODEC.encodeCall(new RemoteCall("tiny", "hello", 8, 0, 1,
        List.of("a", "b", "c", "d", "e"), 0, false, "", "")))).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("stop has more than");
    assertThatThrownBy(() -> CODEC.decodeReply(new byte[0])).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("none of accepted");
    assertThat(CODEC.decodeCall(CODEC.encodeCall(ok))).isEqualTo(ok);
    // A long error is clipped by the sender, so the answer still decodes.
    RemoteReply.Failure longError = new RemoteReply.Failure(ErrorCode.UNAVAILABLE, "e".repeat(10_000), Map.of());
    assertThat(((RemoteReply.Failure) CODEC.decodeReply(CODEC.encodeReply(longError))).message())
        .hasSize(InferenceLimits.MAX_ERROR);
  }

  static void decodesOrIsMalformed(byte[] input) {
    try {
      assertThat(CODEC.decodeCall(input)).isNotNull();
    } catch (MalformedPayloadException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    try {
      assertThat(CODEC.decodeRequest(input)).isNotNull();
    } catch (MalformedPayloadException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    try {
      assertThat(CODEC.decodeReply(input)).isNotNull();
    } catch (MalformedPayloadException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  private static RemoteCall call(RandomCases gen) {
    return new RemoteCall("m" + gen.key(), "p" + gen.text(), 1 + gen.nextInt(1 << 20), gen.nextDouble() * 2,
        Math.max(0.01, gen.nextDouble()), gen.nextBoolean() ? List.of("\n", gen.key()) : List.of(), gen.anyLong(),
        gen.nextBoolean(), gen.nextBoolean() ? "apikey:" + gen.key() : "", gen.nextBoolean() ? gen.key() : "");
  }

  private static RemoteEmbedCall embedCall(RandomCases gen) {
    List<String> inputs = new ArrayList<>();
    for (int i = 0, n = 1 + gen.nextInt(5); i < n; i++) {
      inputs.add(gen.nextBoolean() ? gen.text() : "");
    }
    return new RemoteEmbedCall("m" + gen.key(), inputs, gen.nextBoolean() ? "apikey:" + gen.key() : "",
        gen.nextBoolean() ? gen.key() : "");
  }

  private static RemoteReply.Embedded embedded(RandomCases gen, int count, int dimension) {
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      float[] v = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        v[j] = (float) (gen.nextDouble() * 2 - 1);
      }
      vectors.add(v);
    }
    return new RemoteReply.Embedded(vectors, gen.nextInt(Integer.MAX_VALUE));
  }

  private static byte[] mutate(RandomCases gen, byte[] bytes) {
    byte[] copy = bytes.clone();
    for (int i = 0, n = 1 + gen.nextInt(4); i < n && copy.length > 0; i++) {
      copy[gen.nextInt(copy.length)] = (byte) gen.nextInt(256);
    }
    return copy;
  }

  @Test
  void aChatsMessagesTravelAndAreBounded() {
    List<RemoteCall.Turn> chat = List.of(new RemoteCall.Turn("system", "be brief"), new RemoteCall.Turn("user",
        "hello \u4e16\u754c"));
    RemoteCall call = new RemoteCall("tiny", "system: be brief\nuser: hello", 8, 0, 1, List.of(), 0, true, "", "",
        chat);
    assertThat(CODEC.decodeCall(CODEC.encodeCall(call)).messages()).isEqualTo(chat);
    List<RemoteCall.Turn> tooMany = java.util.Collections.nCopies(InferenceLimits.MAX_MESSAGES + 1,
        new RemoteCall.Turn("user", "x"));
    assertThatThrownBy(() -> CODEC.decodeCall(CODEC.encodeCall(new RemoteCall("tiny", "x", 8, 0, 1, List.of(), 0,
        false, "", "", tooMany)))).isInstanceOf(MalformedPayloadException.class).hasMessageContaining("messages");
    List<RemoteCall.Turn> tooLong = List.of(new RemoteCall.Turn("user", "x".repeat(InferenceLimits.MAX_TEXT)),
        new RemoteCall.Turn("user", "y"));
    assertThatThrownBy(() -> CODEC.decodeCall(CODEC.encodeCall(new RemoteCall("tiny", "x", 8, 0, 1, List.of(), 0,
        false, "", "", tooLong)))).isInstanceOf(MalformedPayloadException.class).hasMessageContaining("characters");
    assertThatThrownBy(() -> CODEC.decodeCall(CODEC.encodeCall(new RemoteCall("tiny", "x", 8, 0, 1, List.of(), 0,
        false, "", "", List.of(new RemoteCall.Turn("", "y")))))).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("messages.role");
  }
}
