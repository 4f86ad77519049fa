package ai.hanzo.node.api.http;

import ai.hanzo.node.api.endpoint.InOrderExecutor;
import ai.hanzo.node.api.mapping.Json;
import ai.hanzo.node.api.mapping.ModelMessages;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.serving.ModelUploads;
import ai.hanzo.node.models.ModelRecord;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpObject;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code PUT /v1/models/{model}}: as {@code ModelUploadCall} does for gRPC, every step (begin, each write,
 * finish, the answer) runs in order on the request's blocking executor, and a piece of the body is asked for only
 * once an earlier one is on disk ({@link #AHEAD} in flight), so a client faster than the disk cannot fill the node's
 * memory and the event loop (which only hands the pieces over) never waits for the disk. The body is never
 * aggregated. A client that sends nothing for {@code idle} gets 408; one that goes away just ends it; either way
 * its file is deleted.
 */
final class HttpModelUpload implements Subscriber<HttpObject> {
  private static final Logger log = LoggerFactory.getLogger(HttpModelUpload.class);
  /**
   * Pieces of the body asked for ahead of the disk: HTTP hands the body over in pieces of a few KiB, and asking for
   * one at a time costs a hop to the blocking pool and back per piece; a few in flight keep the disk busy while
   * memory stays bounded (this many pieces, not the file).
   */
  private static final int AHEAD = 8;

  private final Supplier<ModelUploads> uploads;
  private final ServiceRequestContext ctx;
  private final HttpRequest request;
  private final String name;
  private final long size;
  private final String sha256;
  private final Duration idle;
  private final CompletableFuture<HttpResponse> answer;
  private final ScheduledExecutorService timers;
  private final Executor steps;
  /** Set on the event loop before the first piece, read by the steps after it. */
  private volatile Subscription subscription;
  /** The rest are used by the steps only, one at a time. */
  private ModelUploads.Upload upload;
  private boolean ended;
  private ScheduledFuture<?> stall;

  HttpModelUpload(Supplier<ModelUploads> uploads, ServiceRequestContext ctx, HttpRequest request, String name,
      long size, String sha256, Duration idle, CompletableFuture<HttpResponse> answer) {
    this.uploads = uploads;
    this.ctx = ctx;
    this.request = request;
    this.name = name;
    this.size = size;
    this.sha256 = sha256;
    this.idle = idle;
    this.answer = answer;
    this.timers = ctx.blockingTaskExecutor();
    this.steps = new InOrderExecutor(timers);
  }

  /** Begins the upload (refused before a byte is read when it may not), then reads the body. */
  void start() {
    steps.execute(() -> {
      try {
        upload = uploads.get().begin(name, size, sha256);
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      armStall();
      request.subscribe(this, ctx.eventLoop());
    });
  }

  @Override
  public void onSubscribe(Subscription s) {
    subscription = s;
    s.request(AHEAD);
  }

  @Override
  public void onNext(HttpObject piece) {
    if (!(piece instanceof HttpData data)) {
      subscription.request(1); // trailers: nothing to store
      return;
    }
    ByteBuffer bytes = ByteBuffer.wrap(data.array());
    steps.execute(() -> {
      if (ended) {
        return;
      }
      disarmStall();
      try {
        upload.write(bytes);
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      armStall();
      subscription.request(1);
    });
  }

  @Override
  public void onError(Throwable t) {
    steps.execute(() -> {
      end("the client went away (" + t + ")");
      // Nobody may read it, but the response must end.
      answer.complete(ModelUploadRoute.refusal(new NodeException(ErrorCode.UNAVAILABLE, "the upload of model '"
          + name + "' ended before its body did; nothing was kept")));
    });
  }

  @Override
  public void onComplete() {
    steps.execute(() -> {
      if (ended) {
        return;
      }
      disarmStall();
      ModelRecord stored;
      try {
        stored = upload.finish();
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      end(null);
      answer.complete(HttpResponse.of(ResponseHeaders.builder(HttpStatus.CREATED).contentType(MediaType.JSON_UTF_8)
          .add(HttpHeaderNames.LOCATION, "/v1/models/" + stored.name()).build(),
          HttpData.ofUtf8(Json.print(ModelMessages.details(stored, false)))));
    });
  }

  private void fail(RuntimeException e) {
    end(null);
    request.abort(); // the rest of the body is not wanted
    answer.complete(ModelUploadRoute.refusal(e));
  }

  /** Ends the upload (deleting its file unless it finished); {@code why}: logged when the client ended it. */
  private void end(String why) {
    if (ended) {
      return;
    }
    ended = true;
    disarmStall();
    if (why != null) {
      log.debug("model upload over HTTP ended: {}", why);
    }
    if (upload != null) {
      upload.close();
    }
  }

  private void armStall() {
    if (!ended) {
      stall = timers.schedule(() -> steps.execute(this::stalled), idle.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void disarmStall() {
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
