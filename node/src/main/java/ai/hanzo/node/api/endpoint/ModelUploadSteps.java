package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.serving.ModelUploads;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a streamed model upload does the same over gRPC (UploadModel) and HTTP ({@code PUT /v1/models/{model}}):
 * its steps run in order on the blocking pool, one at a time ({@link #steps}), the upload they write, the end that
 * deletes its file unless it finished, and the idle timer that ends it with DEADLINE_EXCEEDED when the client sends
 * nothing for {@code --model-upload-idle-timeout}. Each protocol says how a failure reaches its client
 * ({@link #fail}). Every field but {@link #steps} is used by the steps only.
 */
public abstract class ModelUploadSteps {
  private static final Logger log = LoggerFactory.getLogger(ModelUploadSteps.class);

  protected final Executor steps;
  private final ScheduledExecutorService timers;
  private final Duration idle;
  protected ModelUploads.Upload upload;
  private boolean ended;
  private ScheduledFuture<?> stall;

  protected ModelUploadSteps(ScheduledExecutorService blocking, Duration idle) {
    this.timers = blocking;
    this.idle = idle;
    this.steps = new InOrderExecutor(blocking);
  }

  /** Ends the upload and tells the client why (a step that failed, or the idle timer). */
  protected abstract void fail(RuntimeException e);

  protected final boolean ended() {
    return ended;
  }

  /** Ends the upload (deleting its file unless it finished); {@code why}: logged when the client ended it. */
  protected final void end(String why) {
    if (ended) {
      return;
    }
    ended = true;
    disarmStall();
    if (why != null) {
      log.debug("model upload ended: {}", why);
    }
    if (upload != null) {
      upload.close();
    }
  }

  /** Starts waiting for the client's next piece: nothing for the idle timeout fails the upload. */
  protected final void armStall() {
    if (!ended) {
      stall = timers.schedule(() -> steps.execute(this::stalled), idle.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  protected final void disarmStall() {
    if (stall != null) {
      stall.cancel(false);
      stall = null;
    }
  }

  private void stalled() {
    if (ended) {
      return;
    }
    long received = upload == null ? 0 : upload.received();
    String quiet = idle.toMillis() % 1000 == 0 ? idle.toSeconds() + " s" : idle.toMillis() + " ms";
    fail(new NodeException(ErrorCode.DEADLINE_EXCEEDED, "the upload sent nothing for " + quiet
        + " (--model-upload-idle-timeout) after " + received + " bytes; nothing was kept",
        Map.of("reason", "upload_stalled")));
  }
}
