package ai.hanzo.node.p2p.placement.wire;

import ai.hanzo.node.api.v1.DeployExecInput;
import ai.hanzo.node.api.v1.DeployExecOutput;
import ai.hanzo.node.api.v1.DeployExecStart;
import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.api.v1.TerminalSize;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.placement.DeployLimits;
import ai.hanzo.node.p2p.placement.ExecCodec;
import ai.hanzo.node.p2p.placement.ExecFrame;
import ai.hanzo.node.p2p.placement.ExecInputFrame;
import ai.hanzo.node.p2p.placement.ExecStart;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * {@code /hanzo/deploy-exec/1.0.0} messages as {@code placement.proto}, protobuf binary. The decoders check that the
 * start comes first and only first, that the start's input and every output are the API messages they claim to be,
 * that the start names a container and a command, every text's size and each stdin piece's; the encoders clip a
 * refusal's message so a long error never makes the frame unreadable.
 */
public final class ProtoExecCodec implements ExecCodec {
  @Override
  public byte[] encodeStart(ExecStart start) {
    return DeployExecInput.newBuilder().setStart(DeployExecStart.newBuilder()
        .setExecInput(ByteString.copyFrom(start.execInput()))
        .setCallerSubject(Refusals.clip(start.callerSubject(), DeployLimits.MAX_SHORT))
        .setCallerOrg(Refusals.clip(start.callerOrg(), DeployLimits.MAX_SHORT))).build().toByteArray();
  }

  @Override
  public ExecStart decodeStart(byte[] bytes) {
    DeployExecInput m = input(bytes);
    if (m.getKindCase() != DeployExecInput.KindCase.START) {
      throw new MalformedPayloadException("the first frame must be start, not " + m.getKindCase());
    }
    DeployExecStart start = m.getStart();
    ExecInput first;
    try {
      first = ExecInput.parseFrom(start.getExecInput());
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedPayloadException("start.exec_input is not an ExecInput: " + e.getMessage(), e);
    }
    if (first.getContainerId().isEmpty()) {
      throw new MalformedPayloadException("start.exec_input.container_id is missing");
    }
    text("start.exec_input.container_id", first.getContainerId());
    if (first.getCommandCount() == 0) {
      throw new MalformedPayloadException("start.exec_input.command is missing");
    }
    return new ExecStart(start.getExecInput().toByteArray(), text("start.caller_subject", start.getCallerSubject()),
        text("start.caller_org", start.getCallerOrg()));
  }

  @Override
  public byte[] encodeStdin(byte[] stdin) {
    return DeployExecInput.newBuilder().setStdin(ByteString.copyFrom(stdin)).build().toByteArray();
  }

  @Override
  public byte[] encodeResize(ExecInputFrame.Resize resize) {
    return DeployExecInput.newBuilder().setResize(TerminalSize.newBuilder().setRows(resize.rows())
        .setCols(resize.cols())).build().toByteArray();
  }

  @Override
  public ExecInputFrame decodeInput(byte[] bytes) {
    DeployExecInput m = input(bytes);
    return switch (m.getKindCase()) {
      case STDIN -> {
        if (m.getStdin().size() > DeployLimits.EXEC_STDIN_PIECE) {
          throw new MalformedPayloadException("stdin is " + m.getStdin().size() + " bytes; at most "
              + DeployLimits.EXEC_STDIN_PIECE + " per frame");
        }
        yield new ExecInputFrame.Stdin(m.getStdin().toByteArray());
      }
      case RESIZE -> {
        // uint32 on the wire: read unsigned so 2^32-1 is too large rather than -1
        long rows = Integer.toUnsignedLong(m.getResize().getRows());
        long cols = Integer.toUnsignedLong(m.getResize().getCols());
        if (rows < 1 || rows > DeployLimits.MAX_TERMINAL_CELLS || cols < 1 || cols > DeployLimits.MAX_TERMINAL_CELLS) {
          throw new MalformedPayloadException("resize " + rows + "x" + cols + " is out of range: rows and cols must"
              + " be 1.." + DeployLimits.MAX_TERMINAL_CELLS);
        }
        yield new ExecInputFrame.Resize((int) rows, (int) cols);
      }
      default -> throw new MalformedPayloadException("a frame after the start must be stdin or resize, not "
          + m.getKindCase());
    };
  }

  @Override
  public byte[] encodeFrame(ExecFrame frame) {
    DeployExecOutput.Builder b = DeployExecOutput.newBuilder();
    if (frame instanceof ExecFrame.Output o) {
      b.setOutput(ByteString.copyFrom(o.output()));
    } else {
      ExecFrame.Refused r = (ExecFrame.Refused) frame;
      b.setRefused(Refusals.encode(r.code(), r.message()));
    }
    return b.build().toByteArray();
  }

  @Override
  public ExecFrame decodeFrame(byte[] bytes) {
    DeployExecOutput m;
    try {
      m = DeployExecOutput.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedPayloadException("not a DeployExecOutput: " + e.getMessage(), e);
    }
    return switch (m.getKindCase()) {
      case OUTPUT -> {
        try {
          ExecOutput.parseFrom(m.getOutput());
        } catch (InvalidProtocolBufferException e) {
          throw new MalformedPayloadException("output is not an ExecOutput: " + e.getMessage(), e);
        }
        yield new ExecFrame.Output(m.getOutput().toByteArray());
      }
      case REFUSED -> new ExecFrame.Refused(Refusals.code(m.getRefused()), Refusals.message(m.getRefused()));
      case KIND_NOT_SET -> throw new MalformedPayloadException("the frame is neither output nor refused");
    };
  }

  private static DeployExecInput input(byte[] bytes) {
    try {
      return DeployExecInput.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedPayloadException("not a DeployExecInput: " + e.getMessage(), e);
    }
  }

  private static String text(String name, String value) {
    if (value.length() > DeployLimits.MAX_SHORT) {
      throw new MalformedPayloadException(name + " is longer than " + DeployLimits.MAX_SHORT + " characters");
    }
    return value;
  }
}
