package ai.hanzo.node.api;

import ai.hanzo.node.api.v1.ExecOutput;
import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/**
 * The output side of a gRPC exec, merged into the one ExecOutput the HTTP route answers: all of stdout and stderr,
 * the exit code and {@code done} of the last message.
 */
final class ExecOutputCollector implements StreamObserver<ExecOutput> {
  private final CompletableFuture<ExecOutput> result = new CompletableFuture<>();
  private ByteString stdout = ByteString.EMPTY;
  private ByteString stderr = ByteString.EMPTY;
  private ExecOutput last = ExecOutput.getDefaultInstance();

  CompletableFuture<ExecOutput> result() {
    return result;
  }

  @Override
  public synchronized void onNext(ExecOutput value) {
    stdout = stdout.concat(value.getStdout());
    stderr = stderr.concat(value.getStderr());
    last = value;
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public synchronized void onCompleted() {
    result.complete(ExecOutput.newBuilder().setStdout(stdout).setStderr(stderr)
        .setExitCode(last.getExitCode()).setDone(last.getDone()).build());
  }
}
