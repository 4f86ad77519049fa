package ai.hanzo.bench.inference;

import ai.hanzo.testing.NpmProject;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * node-llama-cpp as a long-lived process ({@code interop/llama-crosscheck/bench.mjs}) that keeps the model loaded
 * and measures one round when asked, so that the driver can alternate it with the node round by round.
 */
final class LlamaReference implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Writer in;
  private final BufferedReader out;
  private final Optional<Path> copy;
  private JsonNode setup;

  private LlamaReference(Process process, Optional<Path> copy) {
    this.process = process;
    this.copy = copy;
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /**
   * Starts the script, loads {@code model} and warms it up; the answer's setup names its settings. With a {@code
   * cpuVariant} (e.g. {@code haswell}), node-llama-cpp runs from a copy of its install that keeps only that one of
   * its prebuilt ggml CPU back-ends, instead of the best one for this CPU that it picks at run time: the way to
   * compare two llama.cpp builds for the same instruction set.
   */
  static LlamaReference start(Path model, String prompt, int generate, int threads, int contextSize,
      Optional<String> cpuVariant) throws Exception {
    NpmProject project = NpmProject.nearest("interop/llama-crosscheck", "package-lock.json", "the reference");
    project.whySkip().ifPresent(why -> {
      throw new IllegalStateException(why);
    });
    Optional<Path> copy = cpuVariant.isPresent()
        ? Optional.of(withOnlyCpuVariant(project.installed(), cpuVariant.get())) : Optional.empty();
    Process process = new ProcessBuilder("node", "bench.mjs").directory(copy.orElse(project.installed()).toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    LlamaReference started = new LlamaReference(process, copy);
    try {
      started.send(JSON.createObjectNode().put("model", model.toString()).put("prompt", prompt)
          .put("generateTokens", generate).put("threads", threads).put("contextSize", contextSize).toString());
      started.setup = started.read();
      return started;
    } catch (Exception e) {
      started.close();
      throw e;
    }
  }

  /** A copy of the project in a temp directory with its node_modules copied, all CPU back-ends but one deleted. */
  private static Path withOnlyCpuVariant(Path installed, String variant) throws IOException {
    Path copy = Files.createTempDirectory("llama-crosscheck-" + variant);
    Path modules = installed.resolve("node_modules").toRealPath();
    List<Path> kept = new ArrayList<>();
    try (Stream<Path> files = Files.walk(modules)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path to = copy.resolve("node_modules").resolve(modules.relativize(f).toString());
        String name = f.getFileName().toString();
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else if (!name.startsWith("libggml-cpu-") || name.equals("libggml-cpu-" + variant + ".so")) {
          Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES);
          if (name.startsWith("libggml-cpu-")) {
            kept.add(to);
          }
        }
      }
    }
    if (kept.isEmpty()) {
      throw new IllegalStateException("node-llama-cpp has no CPU back-end libggml-cpu-" + variant + ".so");
    }
    for (String file : List.of("bench.mjs", "package.json")) {
      Files.copy(installed.resolve(file), copy.resolve(file));
    }
    return copy;
  }

  /** Prompt tokens, memory (RSS growth after load and after warm-up) and the settings node-llama-cpp chose. */
  JsonNode setup() {
    return setup;
  }

  /** One round: a 1-token completion of the prompt, then an n-token one; times in milliseconds. */
  JsonNode round(int round) throws IOException {
    send("{\"round\": " + round + "}");
    return read();
  }

  private void send(String line) throws IOException {
    in.write(line + "\n");
    in.flush();
  }

  private JsonNode read() throws IOException {
    String line = out.readLine();
    if (line == null) {
      throw new IOException("bench.mjs ended early (exit " + (process.isAlive() ? "?" : process.exitValue()) + ")");
    }
    return JSON.readTree(line);
  }

  @Override
  public void close() throws InterruptedException {
    try {
      in.close(); // the end of stdin ends the script
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    if (copy.isPresent()) {
      try (Stream<Path> files = Files.walk(copy.get())) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        System.err.println("could not delete " + copy.get() + ": " + e.getMessage());
      }
    }
  }
}
