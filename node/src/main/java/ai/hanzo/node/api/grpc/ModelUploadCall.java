package ai.hanzo.node.api.grpc;

import ai.hanzo.node.api.endpoint.ModelUploadSteps;
import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.mapping.ModelMessages;
import ai.hanzo.node.api.v1.ModelDetails;
import ai.hanzo.node.api.v1.UploadModelChunk;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.serving.ModelUploads;
import ai.hanzo.node.models.ModelRecord;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * One UploadModel call. Every step runs in order on the request's blocking executor, one at a time (the disk writes,
 * and every answer to the client, so the observer is only ever used by one thread at once). The next message is asked
 * for only once the last one is written, so a client faster than the disk cannot fill the node's memory, and the
 * event loop never waits for the disk. A client that sends nothing for {@code idle} gets DEADLINE_EXCEEDED; one that
 * cancels or goes away just ends it; either way its file is deleted ({@link ModelUploads.Upload#close()}).
 */
final class ModelUploadCall extends ModelUploadSteps implements StreamObserver<UploadModelChunk> {
  private final Supplier<ModelUploads> uploads;
  private final ServerCallStreamObserver<ModelDetails> response;

  /** Call from the service method (the flow control is set up before it returns). */
  ModelUploadCall(Supplier<ModelUploads> uploads, ServerCallStreamObserver<ModelDetails> response,
      ScheduledExecutorService blocking, Duration idle) {
    super(blocking, idle);
    this.uploads = uploads;
    this.response = response;
    response.disableAutoRequest();
    response.setOnCancelHandler(() -> steps.execute(() -> end("the client cancelled it")));
    steps.execute(this::armStall);
    response.request(1);
  }

  @Override
  public void onNext(UploadModelChunk chunk) {
    steps.execute(() -> {
      if (ended()) {
        return;
      }
      disarmStall();
      try {
        if (upload == null) {
          upload = uploads.get().begin(ModelMessages.requiredName(chunk.getName()), chunk.getSizeBytes(),
              chunk.getSha256());
        } else if (!chunk.getName().isEmpty() || chunk.getSizeBytes() != 0 || !chunk.getSha256().isEmpty()) {
          throw NodeException.invalidField("name", "only the first message of an upload names the model and"
              + " declares its size");
        }
        if (!chunk.getData().isEmpty()) {
          upload.write(chunk.getData().asReadOnlyByteBuffer());
        }
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      armStall();
      response.request(1);
    });
  }

  @Override
  public void onError(Throwable t) {
    steps.execute(() -> end("the client went away (" + t.getMessage() + ")"));
  }

  @Override
  public void onCompleted() {
    steps.execute(() -> {
      if (ended()) {
        return;
      }
      disarmStall();
      ModelDetails details;
      try {
        if (upload == null) {
          throw NodeException.invalidField("name", "the upload sent no message: the first one names the model"
              + " and declares its size");
        }
        ModelRecord stored = upload.finish();
        details = ModelMessages.details(stored, false);
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      end(null);
      response.onNext(details);
      response.onCompleted();
    });
  }

  @Override
  protected void fail(RuntimeException e) {
    end(null);
    response.onError(ErrorMapper.toStatus(e));
  }
}
