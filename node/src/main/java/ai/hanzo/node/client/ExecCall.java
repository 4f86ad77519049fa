package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.ExecInput;
import ai.hanzo.node.api.v1.ExecOutput;
import ai.hanzo.node.api.v1.NodeServiceGrpc;
import ai.hanzo.node.api.v1.TerminalSize;
import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One ExecInContainer call: the first message names the container and command, then stdin follows in chunks
 * until it ends; output is copied as it arrives. Completes with the command's exit code.
 */
final class ExecCall {
  private static final int STDIN_CHUNK = 8192;

  private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
  private final OutputStream stdout;
  private final OutputStream stderr;

  private ExecCall(OutputStream stdout, OutputStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Runs {@code command}, blocking until the node reports the exit code or fails the call. */
  static int run(NodeServiceGrpc.NodeServiceStub stub, String containerId, List<String> command, boolean tty,
      ExecTerminal terminal, InputStream stdin, OutputStream stdout, OutputStream stderr)
      throws InterruptedException {
    ExecCall call = new ExecCall(stdout, stderr);
    StreamObserver<ExecInput> requests = stub.execInContainer(call.responses());
    ExecInput.Builder first = ExecInput.newBuilder().setContainerId(containerId).addAllCommand(command).setTty(tty);
    if (tty) {
      terminal.size().ifPresent(size -> first.setResize(size(size)));
    }
    synchronized (requests) {
      requests.onNext(first.build());
    }
    if (tty) {
      terminal.onResize(() -> terminal.size().ifPresent(size -> call.send(requests,
          ExecInput.newBuilder().setResize(size(size)).build())));
    }
    // Reading stdin blocks, so it gets a thread of its own; a daemon, since a command may end before its input.
    Thread pump = new Thread(() -> call.pumpStdin(stdin, requests), "exec-stdin");
    pump.setDaemon(true);
    pump.start();
    try {
      return call.exitCode.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pump.interrupt();
    }
  }

  private StreamObserver<ExecOutput> responses() {
    return new StreamObserver<>() {
      @Override
      public void onNext(ExecOutput out) {
        try {
          copy(out.getStdout(), stdout);
          copy(out.getStderr(), stderr);
        } catch (IOException e) {
          exitCode.completeExceptionally(new UncheckedIOException(e));
        }
        if (out.getDone()) {
          exitCode.complete(out.getExitCode());
        }
      }

      @Override
      public void onError(Throwable t) {
        exitCode.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        exitCode.completeExceptionally(new IllegalStateException("the node ended the exec call without an exit code"));
      }
    };
  }

  private static TerminalSize size(ExecTerminal.Size size) {
    return TerminalSize.newBuilder().setRows(size.rows()).setCols(size.cols()).build();
  }

  /** A resize from the signal thread: dropped once the call ended (a closed call refuses more messages). */
  private void send(StreamObserver<ExecInput> requests, ExecInput message) {
    if (exitCode.isDone()) {
      return;
    }
    synchronized (requests) {
      try {
        requests.onNext(message);
      } catch (RuntimeException ended) {
        // the call ended meanwhile: nothing to resize
      }
    }
  }

  private void pumpStdin(InputStream stdin, StreamObserver<ExecInput> requests) {
    byte[] buffer = new byte[STDIN_CHUNK];
    try {
      int n;
      while (!exitCode.isDone() && (n = stdin.read(buffer)) >= 0) {
        synchronized (requests) {
          requests.onNext(ExecInput.newBuilder().setStdin(ByteString.copyFrom(buffer, 0, n)).build());
        }
      }
      synchronized (requests) {
        requests.onCompleted();
      }
    } catch (IOException | RuntimeException e) {
      // The call has ended (a closed call refuses more messages) or stdin broke: nothing more to send.
      synchronized (requests) {
        try {
          requests.onCompleted();
        } catch (RuntimeException alreadyClosed) {
          // nothing left to close
        }
      }
    }
  }

  private static void copy(ByteString bytes, OutputStream to) throws IOException {
    if (!bytes.isEmpty()) {
      bytes.writeTo(to);
      to.flush();
    }
  }
}
