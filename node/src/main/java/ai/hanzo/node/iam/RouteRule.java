package ai.hanzo.node.iam;

import java.util.regex.Pattern;

/**
 * One HTTP route and its permission.
 *
 * @param method an HTTP method, or {@code *} for services that take any (WebSocket upgrades, probes)
 * @param pathTemplate Armeria path syntax, e.g. {@code /v1/deployments/{id}/stop}
 */
public record RouteRule(String method, String pathTemplate, Permission permission) {
  boolean matches(String requestMethod, String path) {
    return ("*".equals(method) || method.equalsIgnoreCase(requestMethod)) && toRegex().matcher(path).matches();
  }

  private Pattern toRegex() {
    StringBuilder regex = new StringBuilder();
    for (String part : pathTemplate.split("(?=\\{)|(?<=\\})")) {
      regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }
}
