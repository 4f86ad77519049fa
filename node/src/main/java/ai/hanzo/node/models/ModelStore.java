package ai.hanzo.node.models;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The models of a node, in {@code <data-dir>/models/}: {@code <name>.gguf} is the model, {@code <name>.json} its
 * {@link ModelRecord}. The record is written last, after the copy is complete and its header checked, so a model is
 * listed only once it is whole; a crash mid-copy leaves a {@code .partial} file that the next add of that name
 * replaces. Not safe for two writers: the caller holds the data directory's lock (or is the node). Blocking I/O.
 */
public final class ModelStore {
  public static final int MAX_NAME_LENGTH = 63;
  /** Texts taken from a model's header into its record (names, architecture, tokenizer) are cut to this length. */
  public static final int MAX_TEXT_LENGTH = 256;
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (MAX_NAME_LENGTH - 1) + "}");
  private static final String MODEL_SUFFIX = ".gguf";
  private static final String RECORD_SUFFIX = ".json";

  private final Path dir;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  public ModelStore(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  /** The store of {@code dataDir}: its {@code models/} directory. */
  public static ModelStore in(Path dataDir, Clock clock) {
    return new ModelStore(dataDir.resolve("models"), clock);
  }

  /**
   * Checks a model name: 1 to 63 characters of lower-case letters, digits, {@code .}, {@code _} and {@code -},
   * starting with a letter or digit (so no name is a path or a hidden file).
   */
  public static String validName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw NodeException.invalidField("name", "'" + clip(String.valueOf(name), 80) + "' is not a model name: 1 to "
          + MAX_NAME_LENGTH + " lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return name;
  }

  /** The name a file gets when none is given: its file name without {@code .gguf}, lower-cased, cut to fit. */
  public static String nameFrom(Path file) {
    String base = file.getFileName() == null ? "" : file.getFileName().toString();
    if (base.toLowerCase(Locale.ROOT).endsWith(MODEL_SUFFIX)) {
      base = base.substring(0, base.length() - MODEL_SUFFIX.length());
    }
    String name = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "").replaceFirst("^[._-]+", "");
    name = name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) : name;
    if (name.isEmpty()) {
      throw NodeException.invalidField("name", "nothing of the file name '" + clip(base, 80)
          + "' makes a model name; give one with --name");
    }
    return name;
  }

  public List<ModelRecord> list() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<ModelRecord> records = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + RECORD_SUFFIX)) {
      for (Path file : files) {
        records.add(json.readValue(file.toFile(), ModelRecord.class));
      }
    }
    records.sort(Comparator.comparing(ModelRecord::name));
    return records;
  }

  public Optional<ModelRecord> find(String name) throws IOException {
    Path record = dir.resolve(validName(name) + RECORD_SUFFIX);
    return Files.isRegularFile(record) ? Optional.of(json.readValue(record.toFile(), ModelRecord.class))
        : Optional.empty();
  }

  /** The directory that holds the models and their records. */
  public Path directory() {
    return dir;
  }

  /** The model file of {@code name}. */
  public Path file(ModelRecord record) {
    return dir.resolve(record.file());
  }

  /** Copies a local GGUF file into the store as {@code name}; the header is checked before it is listed. */
  public ModelRecord add(Path source, String name) throws IOException {
    validName(name);
    if (find(name).isPresent()) {
      throw new NodeException(ErrorCode.ALREADY_EXISTS, "model '" + name + "' already exists; remove it first");
    }
    if (!Files.isRegularFile(source)) {
      throw NodeException.invalidField("file", source + " is not a readable file");
    }
    Files.createDirectories(dir);
    Path partial = dir.resolve(name + MODEL_SUFFIX + ".partial");
    try {
      String sha256 = copy(source, partial);
      return store(partial, name, sha256, "file", source.toString());
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /**
   * The directory uploads are written to before {@link #adopt}: in the store's directory, so on its file system,
   * and named so no model name (nor its record) can be it.
   */
  public Path uploadDirectory() {
    return dir.resolve(".uploads");
  }

  /**
   * Moves {@code received} (a complete file in {@link #uploadDirectory()}, whose SHA-256 was computed as it was
   * written) into the store as {@code name}, its header checked first; INVALID_ARGUMENT (field {@code data}) when it
   * is not a GGUF model, ALREADY_EXISTS when the name was taken meanwhile. {@code received} is gone afterwards.
   */
  public ModelRecord adopt(Path received, String name, String sha256) throws IOException {
    validName(name);
    try {
      if (find(name).isPresent()) {
        throw new NodeException(ErrorCode.ALREADY_EXISTS, "model '" + name + "' already exists; remove it first");
      }
      return store(received, name, sha256, "data", "the upload of model '" + name + "'");
    } finally {
      Files.deleteIfExists(received);
    }
  }

  /** Checks {@code partial}'s header, moves it to {@code name}'s file in one rename, then writes its record. */
  private ModelRecord store(Path partial, String name, String sha256, String field, String what)
      throws IOException {
    ModelInfo info;
    try {
      info = ModelInfo.inspect(partial).clipped(MAX_TEXT_LENGTH);
    } catch (GgufFormatException e) {
      throw NodeException.invalidField(field, what + " is not a GGUF model: " + e.getMessage());
    }
    Path model = dir.resolve(name + MODEL_SUFFIX);
    Files.move(partial, model, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    ModelRecord record = new ModelRecord(name, model.getFileName().toString(), Files.size(model), sha256, info,
        clock.instant().toString());
    Path recordTmp = dir.resolve(name + RECORD_SUFFIX + ".partial");
    json.writeValue(recordTmp.toFile(), record);
    Files.move(recordTmp, dir.resolve(name + RECORD_SUFFIX), StandardCopyOption.ATOMIC_MOVE);
    return record;
  }

  /**
   * Registers {@code name} as a model of kind {@code openai-upstream}, served by {@code target}: a record alone,
   * no file. Its info names the kind as architecture, so listings tell it from a GGUF model.
   */
  public ModelRecord addUpstream(String name, UpstreamTarget target) throws IOException {
    validName(name);
    if (find(name).isPresent()) {
      throw new NodeException(ErrorCode.ALREADY_EXISTS, "model '" + name + "' already exists; remove it first");
    }
    Files.createDirectories(dir);
    // The configured context length, if any, is what listings show until the model is loaded and its upstream asked.
    ModelInfo info = new ModelInfo(target.model(), ModelRecord.UPSTREAM_KIND, 0, target.tuning().contextLength(),
        "", "", 0, 0, 0, 0, 0, 0, 0);
    ModelRecord record = new ModelRecord(name, "", 0, "", info, clock.instant().toString(), target);
    Path recordTmp = dir.resolve(name + RECORD_SUFFIX + ".partial");
    json.writeValue(recordTmp.toFile(), record);
    Files.move(recordTmp, dir.resolve(name + RECORD_SUFFIX), StandardCopyOption.ATOMIC_MOVE);
    return record;
  }

  /** Removes the model {@code name}: its record first, so it is never listed without its file. */
  public void remove(String name) throws IOException {
    ModelRecord record = find(name).orElseThrow(() -> NodeException.notFound("model", name));
    Files.delete(dir.resolve(name + RECORD_SUFFIX));
    if (!record.file().isEmpty()) {
      Files.deleteIfExists(file(record));
    }
  }

  private static String copy(Path source, Path target) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(source);
        OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha256)) {
      in.transferTo(out);
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  static String clip(String text, int max) {
    return text.length() > max ? text.substring(0, max) : text;
  }
}
