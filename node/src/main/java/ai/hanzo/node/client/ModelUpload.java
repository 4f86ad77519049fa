package ai.hanzo.node.client;

import ai.hanzo.node.api.v1.InferenceServiceGrpc.InferenceServiceStub;
import ai.hanzo.node.api.v1.ModelDetails;
import ai.hanzo.node.api.v1.UploadModelChunk;
import com.google.protobuf.ByteString;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One UploadModel call from this machine: the file's name, size and SHA-256 first (the node refuses a bad name, a
 * size beyond its limits or a full disk before any byte is sent, and checks the hash before it keeps the model),
 * then its bytes in {@link #CHUNK}-byte messages, each sent only when the transport takes more, so a node slower
 * than the disk is never buffered in this process' memory. A refusal ends the sending at once.
 */
final class ModelUpload {
  /** Bytes per message: the most a bytes field of a request may carry (the node's field rules). */
  static final int CHUNK = 64 * 1024;

  private final Object ready = new Object();
  private final CompletableFuture<ModelDetails> answer = new CompletableFuture<>();

  private ModelUpload() {}

  /** Streams {@code file} as {@code name}; the node's answer, or its refusal as a StatusRuntimeException. */
  static ModelDetails send(InferenceServiceStub stub, Path file, String name) {
    try {
      return new ModelUpload().run(stub, file, name);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file + " failed", e);
    }
  }

  private ModelDetails run(InferenceServiceStub stub, Path file, String name) throws IOException {
    long size = Files.size(file);
    String sha256 = sha256(file);
    ClientCallStreamObserver<UploadModelChunk> requests = (ClientCallStreamObserver<UploadModelChunk>)
        stub.uploadModel(new Answer());
    requests.onNext(UploadModelChunk.newBuilder().setName(name).setSizeBytes(size).setSha256(sha256).build());
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[CHUNK];
      int n;
      while ((n = in.readNBytes(buffer, 0, CHUNK)) > 0) {
        if (!awaitReady(requests)) {
          break; // the node answered (refused) already: the rest would go nowhere
        }
        requests.onNext(UploadModelChunk.newBuilder().setData(ByteString.copyFrom(buffer, 0, n)).build());
      }
    } catch (IOException | RuntimeException e) {
      requests.cancel("the client could not read " + file, e);
      throw e;
    }
    if (!answer.isDone()) {
      requests.onCompleted();
    }
    try {
      return answer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      requests.cancel("interrupted", e);
      throw new IllegalStateException("interrupted while uploading " + file, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /** Waits until the call takes another message (true) or has its answer (false). */
  private boolean awaitReady(ClientCallStreamObserver<UploadModelChunk> requests) {
    synchronized (ready) {
      while (!requests.isReady() && !answer.isDone()) {
        try {
          ready.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          requests.cancel("interrupted", e);
          return false;
        }
      }
    }
    return !answer.isDone();
  }

  private void wake() {
    synchronized (ready) {
      ready.notifyAll();
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private final class Answer implements ClientResponseObserver<UploadModelChunk, ModelDetails> {
    @Override
    public void beforeStart(ClientCallStreamObserver<UploadModelChunk> requests) {
      requests.setOnReadyHandler(ModelUpload.this::wake);
    }

    @Override
    public void onNext(ModelDetails details) {
      answer.complete(details);
    }

    @Override
    public void onError(Throwable t) {
      answer.completeExceptionally(t);
      wake();
    }

    @Override
    public void onCompleted() {
      answer.completeExceptionally(new IllegalStateException("the node ended the upload without an answer"));
      wake();
    }
  }
}
