package ai.hanzo.node.p2p.placement.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.multiformats.VarintFrames;
import ai.hanzo.node.api.v1.DeployExecInput;
import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.placement.DeployLimits;
import ai.hanzo.node.p2p.placement.ExecFrame;
import ai.hanzo.node.p2p.placement.ExecInputFrame;
import ai.hanzo.node.p2p.placement.ExecStart;
import ai.hanzo.node.p2p.protocol.LengthPrefixed;
import ai.hanzo.testing.RandomCases;
import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Properties of the {@code /hanzo/deploy-exec/1.0.0} codec and of its session framing over seeded random cases (the
 * seed is printed on a failure): every message survives encode/decode; a session's frames survive any split of the
 * byte stream into network deliveries; arbitrary and mutated bytes decode to a message or a
 * MalformedPayloadException, nothing else; a frame over the size limit is refused before it is buffered; a start
 * where stdin belongs (and the other way round), oversized stdin pieces, terminal sizes out of range and missing
 * fields are refused by name.
 */
class ProtoExecCodecTest {
  private static final ProtoExecCodec CODEC = new ProtoExecCodec();

  @Test
  void messagesRoundTrip() {
    RandomCases.forAll(500, gen -> {
      ExecStart start = start(gen);
      ExecStart back = CODEC.decodeStart(CODEC.encodeStart(start));
      assertThat(back.execInput()).isEqualTo(start.execInput());
      assertThat(back.callerSubject()).isEqualTo(start.callerSubject());
      assertThat(back.callerOrg()).isEqualTo(start.callerOrg());
      byte[] stdin = gen.bytes(DeployLimits.EXEC_STDIN_PIECE);
      assertThat(stdinOf(CODEC.encodeStdin(stdin))).isEqualTo(stdin);
      ExecInputFrame.Resize resize = resize(gen);
      assertThat(CODEC.decodeInput(CODEC.encodeResize(resize))).isEqualTo(resize);
      byte[] output = output(gen);
      assertThat(((ExecFrame.Output) CODEC.decodeFrame(CODEC.encodeFrame(new ExecFrame.Output(output)))).output())
          .isEqualTo(output);
      ExecFrame refused = new ExecFrame.Refused(ErrorCode.values()[gen.nextInt(ErrorCode.values().length)],
          gen.text());
      assertThat(CODEC.decodeFrame(CODEC.encodeFrame(refused))).isEqualTo(refused);
    });
  }

  @Test
  void aSessionSurvivesAnySplitIntoDeliveries() {
    RandomCases.forAll(300, gen -> {
      List<byte[]> sent = new ArrayList<>();
      sent.add(CODEC.encodeStart(start(gen)));
      for (int i = 0, n = gen.nextInt(20); i < n; i++) {
        sent.add(gen.nextInt(4) == 0 ? CODEC.encodeResize(resize(gen))
            : CODEC.encodeStdin(gen.bytes(gen.nextBoolean() ? 16 : 70_000 / 2)));
      }
      ByteBuf wire = Unpooled.buffer();
      for (byte[] m : sent) {
        ByteBuf f = LengthPrefixed.frame(ByteBufAllocator.DEFAULT, m);
        wire.writeBytes(f);
        f.release();
      }
      VarintFrames frames = new VarintFrames(DeployLimits.EXEC_MAX_MESSAGE);
      List<byte[]> received = new ArrayList<>();
      while (wire.isReadable()) {
        int n = Math.min(wire.readableBytes(), 1 + gen.nextInt(gen.nextBoolean() ? 7 : 40_000));
        received.addAll(frames.add(wire.readRetainedSlice(n)));
      }
      wire.release();
      frames.release();
      assertThat(received).hasSameSizeAs(sent);
      assertThat(CODEC.decodeStart(received.get(0)).callerOrg()).isEqualTo(CODEC.decodeStart(sent.get(0))
          .callerOrg());
      for (int i = 1; i < sent.size(); i++) {
        ExecInputFrame got = CODEC.decodeInput(received.get(i));
        ExecInputFrame want = CODEC.decodeInput(sent.get(i));
        if (want instanceof ExecInputFrame.Stdin stdin) {
          assertThat(((ExecInputFrame.Stdin) got).data()).isEqualTo(stdin.data());
        } else {
          assertThat(got).isEqualTo(want);
        }
      }
    });
  }

  @Test
  void aFrameOverTheLimitIsRefusedFromItsLengthAlone() {
    VarintFrames frames = new VarintFrames(DeployLimits.EXEC_MAX_MESSAGE);
    ByteBuf header = Unpooled.buffer();
    // Only the length prefix of a 2 MiB frame arrives: refused before a byte of it is buffered.
    ai.hanzo.libp2p.multiformats.Varint.write(2 << 20, header);
    assertThatThrownBy(() -> frames.add(header)).isInstanceOf(IllegalArgumentException.class);
    frames.release();
  }

  @Test
  void anyBytesDecodeToAMessageOrAreMalformed() {
    RandomCases.forAll(2000, gen -> {
      byte[] input = gen.nextBoolean() ? gen.bytes(256) : mutate(gen, switch (gen.nextInt(4)) {
        case 0 -> CODEC.encodeStart(start(gen));
        case 1 -> CODEC.encodeStdin(gen.bytes(64));
        case 2 -> CODEC.encodeResize(resize(gen));
        default -> CODEC.encodeFrame(new ExecFrame.Output(output(gen)));
      });
      decodesOrIsMalformed(input);
    });
  }

  @Test
  void misplacedOversizedAndMissingFieldsAreNamed() {
    byte[] start = CODEC.encodeStart(new ExecStart(ExecInput.newBuilder().setContainerId("c").addCommand("sh")
        .build().toByteArray(), "", ""));
    assertThatThrownBy(() -> CODEC.decodeInput(start)).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("must be stdin or resize, not START");
    assertThatThrownBy(() -> CODEC.decodeStart(CODEC.encodeStdin(new byte[1])))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("first frame must be start");
    assertThatThrownBy(() -> CODEC.decodeInput(DeployExecInput.newBuilder().setStdin(ByteString.copyFrom(
        new byte[DeployLimits.EXEC_STDIN_PIECE + 1])).build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("at most 65536 per frame");
    assertThatThrownBy(() -> CODEC.decodeStart(CODEC.encodeStart(new ExecStart(ExecInput.newBuilder()
        .addCommand("sh").build().toByteArray(), "", "")))).isInstanceOf(MalformedPayloadException.class)
        .hasMessage("start.exec_input.container_id is missing");
    assertThatThrownBy(() -> CODEC.decodeStart(CODEC.encodeStart(new ExecStart(ExecInput.newBuilder()
        .setContainerId("c").build().toByteArray(), "", "")))).isInstanceOf(MalformedPayloadException.class)
        .hasMessage("start.exec_input.command is missing");
    assertThatThrownBy(() -> CODEC.decodeStart(CODEC.encodeStart(new ExecStart(new byte[] {(byte) 0xff}, "", ""))))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("not an ExecInput");
    assertThatThrownBy(() -> CODEC.decodeStart(DeployExecInput.newBuilder().setStart(
        ai.hanzo.node.api.v1.DeployExecStart.newBuilder().setExecInput(ExecInput.newBuilder().setContainerId("c")
            .addCommand("sh").build().toByteString()).setCallerOrg("o".repeat(DeployLimits.MAX_SHORT + 1)))
        .build().toByteArray())).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("start.caller_org is longer than");
    assertThatThrownBy(() -> CODEC.decodeFrame(ai.hanzo.node.api.v1.DeployExecOutput.newBuilder()
        .setRefused(ai.hanzo.node.api.v1.DeployRefused.newBuilder().setCode("TEAPOT")).build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("not an error code");
    assertThatThrownBy(() -> CODEC.decodeFrame(new byte[0])).isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("neither output nor refused");
    ExecFrame.Refused longError = new ExecFrame.Refused(ErrorCode.UNAVAILABLE, "e".repeat(10_000));
    assertThat(((ExecFrame.Refused) CODEC.decodeFrame(CODEC.encodeFrame(longError))).message())
        .hasSize(DeployLimits.MAX_MESSAGE_TEXT);
  }

  static void decodesOrIsMalformed(byte[] input) {
    try {
      assertThat(CODEC.decodeStart(input)).isNotNull();
    } catch (MalformedPayloadException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    try {
      ExecInputFrame decoded = CODEC.decodeInput(input);
      if (decoded instanceof ExecInputFrame.Resize r) {
        assertThat(r.rows()).isBetween(1, DeployLimits.MAX_TERMINAL_CELLS);
        assertThat(r.cols()).isBetween(1, DeployLimits.MAX_TERMINAL_CELLS);
      }
    } catch (MalformedPayloadException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    try {
      assertThat(CODEC.decodeFrame(input)).isNotNull();
    } catch (MalformedPayloadException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Test
  void resizesOutOfRangeAreRefusedByTheDecoder() {
    RandomCases.forAll(500, gen -> {
      int good = 1 + gen.nextInt(DeployLimits.MAX_TERMINAL_CELLS);
      int bad = switch (gen.nextInt(3)) {
        case 0 -> 0;
        case 1 -> DeployLimits.MAX_TERMINAL_CELLS + 1 + gen.nextInt(1_000_000);
        default -> -1 - gen.nextInt(Integer.MAX_VALUE); // huge as uint32
      };
      ai.hanzo.node.api.v1.TerminalSize.Builder size = ai.hanzo.node.api.v1.TerminalSize.newBuilder();
      if (gen.nextBoolean()) {
        size.setRows(bad).setCols(good);
      } else {
        size.setRows(good).setCols(bad);
      }
      assertThatThrownBy(() -> CODEC.decodeInput(DeployExecInput.newBuilder().setResize(size).build().toByteArray()))
          .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("out of range");
    });
    assertThatThrownBy(() -> new ExecInputFrame.Resize(0, 80)).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] stdinOf(byte[] frame) {
    return ((ExecInputFrame.Stdin) CODEC.decodeInput(frame)).data();
  }

  private static ExecInputFrame.Resize resize(RandomCases gen) {
    return new ExecInputFrame.Resize(1 + gen.nextInt(DeployLimits.MAX_TERMINAL_CELLS),
        1 + gen.nextInt(DeployLimits.MAX_TERMINAL_CELLS));
  }

  private static ExecStart start(RandomCases gen) {
    ExecInput.Builder in = ExecInput.newBuilder().setContainerId("c" + gen.key()).addCommand("sh")
        .setTty(gen.nextBoolean());
    for (int i = 0, n = gen.nextInt(4); i < n; i++) {
      in.addCommand(gen.text());
    }
    if (gen.nextBoolean()) {
      in.setStdin(ByteString.copyFrom(gen.bytes(512)));
    }
    return new ExecStart(in.build().toByteArray(), gen.nextBoolean() ? "apikey:" + gen.key() : "",
        gen.nextBoolean() ? gen.key() : "");
  }

  private static byte[] output(RandomCases gen) {
    return ExecOutput.newBuilder().setStdout(ByteString.copyFrom(gen.bytes(128)))
        .setStderr(ByteString.copyFrom(gen.bytes(32))).setExitCode(gen.nextInt(256)).setDone(gen.nextBoolean())
        .build().toByteArray();
  }

  private static byte[] mutate(RandomCases gen, byte[] bytes) {
    byte[] copy = bytes.clone();
    for (int i = 0, n = 1 + gen.nextInt(4); i < n && copy.length > 0; i++) {
      copy[gen.nextInt(copy.length)] = (byte) gen.nextInt(256);
    }
    return copy;
  }
}
