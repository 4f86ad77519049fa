package ai.hanzo.node.inference.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.models.ModelRecord;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.testing.MutableClock;
import ai.hanzo.testing.gguf.TinyLlama;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelUploadsTest {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);

  @TempDir Path dataDir;
  @TempDir Path elsewhere;
  private ModelStore store;
  private ModelUploads uploads;
  private byte[] model;

  @BeforeEach
  void setUp() throws Exception {
    System.out.println("ModelUploadsTest seed " + SEED + " (-Dhanzo.test.seed to replay)");
    store = ModelStore.in(dataDir, new MutableClock());
    uploads = new ModelUploads(store, new UploadLimits(64L << 20, 2, Duration.ofSeconds(5)));
    model = Files.readAllBytes(TinyLlama.write(elsewhere, SEED));
  }

  @Test
  void anUploadInPiecesIsStoredWithItsDigestAndItsFileMovedIn() throws Exception {
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model));
    ModelRecord stored;
    try (ModelUploads.Upload upload = uploads.begin("tiny", model.length, sha256)) {
      for (int at = 0; at < model.length; at += 1000) {
        upload.write(ByteBuffer.wrap(model, at, Math.min(1000, model.length - at)));
      }
      stored = upload.finish();
    }
    assertThat(stored.sha256()).isEqualTo(sha256);
    assertThat(store.list()).containsExactly(stored);
    assertThat(Files.readAllBytes(store.file(stored))).isEqualTo(model);
    assertThat(leftovers()).isZero();
  }

  @Test
  void badUploadsAreRefusedAndLeaveNoFile() throws Exception {
    assertRefused(() -> uploads.begin("Bad Name", 10, ""), ErrorCode.INVALID_ARGUMENT, "model name");
    assertRefused(() -> uploads.begin("tiny", 0, ""), ErrorCode.INVALID_ARGUMENT, "size_bytes");
    assertRefused(() -> uploads.begin("tiny", 65L << 20, ""), ErrorCode.RESOURCE_EXHAUSTED, "--max-model-size");
    assertRefused(() -> uploads.begin("tiny", 10, "nothex"), ErrorCode.INVALID_ARGUMENT, "sha256");

    try (ModelUploads.Upload notGguf = uploads.begin("text", 12, "")) {
      assertRefused(() -> notGguf.write(ByteBuffer.wrap("GGxF and more".getBytes(), 0, 12)),
          ErrorCode.INVALID_ARGUMENT, "not a GGUF model");
    }
    try (ModelUploads.Upload magicInPieces = uploads.begin("pieces", model.length, "")) {
      magicInPieces.write(ByteBuffer.wrap(model, 0, 2));
      magicInPieces.write(ByteBuffer.wrap(model, 2, 3));
      assertRefused(() -> magicInPieces.write(ByteBuffer.wrap(model)), ErrorCode.INVALID_ARGUMENT, "more than");
    }
    try (ModelUploads.Upload truncated = uploads.begin("half", model.length, "")) {
      truncated.write(ByteBuffer.wrap(model, 0, model.length / 2));
      assertRefused(truncated::finish, ErrorCode.INVALID_ARGUMENT, "truncated");
    }
    try (ModelUploads.Upload wrongDigest = uploads.begin("digest", model.length, "0".repeat(64))) {
      wrongDigest.write(ByteBuffer.wrap(model));
      assertRefused(wrongDigest::finish, ErrorCode.INVALID_ARGUMENT, "SHA-256");
    }
    byte[] brokenHeader = Arrays.copyOf(model, 64);
    try (ModelUploads.Upload broken = uploads.begin("broken", brokenHeader.length, "")) {
      broken.write(ByteBuffer.wrap(brokenHeader));
      assertRefused(broken::finish, ErrorCode.INVALID_ARGUMENT, "not a GGUF model");
    }
    assertThat(store.list()).isEmpty();
    assertThat(leftovers()).isZero();
  }

  @Test
  void uploadsAreBoundedAndANameIsUploadedOnceAtATime() {
    ModelUploads.Upload a = uploads.begin("a", 10, "");
    ModelUploads.Upload b = uploads.begin("b", 10, "");
    assertRefused(() -> uploads.begin("c", 10, ""), ErrorCode.RESOURCE_EXHAUSTED, "at once");
    a.close();
    assertRefused(() -> uploads.begin("b", 10, ""), ErrorCode.ALREADY_EXISTS, "being uploaded");
    uploads.begin("c", 10, "").close();
    b.close();
  }

  @Test
  void filesLeftByAStoppedNodeAreDeletedWhenTheNextStarts() throws Exception {
    Files.createDirectories(store.uploadDirectory());
    Files.write(store.uploadDirectory().resolve("tiny-123.partial"), model);
    new ModelUploads(store, UploadLimits.DEFAULTS);
    assertThat(leftovers()).isZero();
  }

  private long leftovers() throws Exception {
    if (!Files.isDirectory(store.uploadDirectory())) {
      return 0;
    }
    try (Stream<Path> files = Files.list(store.uploadDirectory())) {
      return files.count();
    }
  }

  private static void assertRefused(Runnable call, ErrorCode code, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(NodeException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.getMessage()).contains(message);
    });
  }
}
