package ai.hanzo.node.runtime.image;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed image reference {@code [registry[:port]/]repository[:tag][@sha256:...]} with the Docker Hub defaults:
 * no registry means {@code docker.io}, a one-part repository there gets {@code library/}, and no tag nor digest
 * means {@code latest}. {@code tag} is empty when only a digest was given.
 */
public record ImageReference(String registry, String repository, String tag, Optional<Digest> digest) {
  public static final String DOCKER_HUB = "docker.io";
  private static final int MAX_LENGTH = 1024;
  private static final int MAX_NAME = 255;
  private static final Pattern DOMAIN = Pattern.compile(
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
          + "(?::[0-9]{1,5})?");
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  /** Parses a reference; a malformed one is INVALID_SPEC with what was wrong. */
  public static ImageReference parse(String text) {
    if (text == null || text.isBlank()) {
      throw bad(text, "it is empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw bad(text.substring(0, 40) + "...", "it is longer than " + MAX_LENGTH + " characters");
    }
    String rest = text;
    Optional<Digest> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      try {
        digest = Optional.of(Digest.parse(rest.substring(at + 1)));
      } catch (ContainerRuntimeException e) {
        throw bad(text, "the part after '@' must be sha256:<64 lower-case hex digits>");
      }
      rest = rest.substring(0, at);
    }
    String tag = "";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw bad(text, "tag '" + tag + "' must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' "
            + "or '-'");
      }
    }
    String registry = DOCKER_HUB;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")
          || !first.equals(first.toLowerCase(java.util.Locale.ROOT))) {
        if (!DOMAIN.matcher(first).matches()) {
          throw bad(text, "registry '" + first + "' is not a host name with an optional :port");
        }
        registry = first.equals("index.docker.io") ? DOCKER_HUB : first;
        rest = rest.substring(slash + 1);
      }
    }
    for (String component : rest.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        throw bad(text, "repository '" + rest + "' must be lower-case letters and digits separated by '/', '.', "
            + "'_' or '-'");
      }
    }
    if (rest.length() > MAX_NAME || registry.length() > MAX_NAME) {
      throw bad(text, "the registry and the repository may each have at most " + MAX_NAME + " characters");
    }
    if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    if (tag.isEmpty() && digest.isEmpty()) {
      tag = "latest";
    }
    return new ImageReference(registry, rest, tag, digest);
  }

  /** What the manifest endpoint is asked for: the digest when there is one (it pins the content), else the tag. */
  public String manifestReference() {
    return digest.map(Digest::toString).orElse(tag);
  }

  /** The same repository and tag pinned to {@code pinned}. */
  public ImageReference withDigest(Digest pinned) {
    return new ImageReference(registry, repository, tag, Optional.of(pinned));
  }

  /** The full form, e.g. {@code docker.io/library/busybox:latest}; the key images are stored under. */
  public String canonical() {
    return registry + "/" + repository + (tag.isEmpty() ? "" : ":" + tag) + digest.map(d -> "@" + d).orElse("");
  }

  /** The short form people type: Docker Hub's {@code docker.io/} and {@code library/} left off. */
  public String familiar() {
    String name = canonical();
    if (registry.equals(DOCKER_HUB)) {
      name = name.substring(DOCKER_HUB.length() + 1);
      if (name.startsWith("library/")) {
        name = name.substring("library/".length());
      }
    }
    return name;
  }

  @Override
  public String toString() {
    return canonical();
  }

  private static ContainerRuntimeException bad(String text, String why) {
    return ContainerRuntimeException.invalidSpec("image reference '" + text + "' is not valid: " + why);
  }
}
