package ai.hanzo.node.inference;

/** One message of a chat, as OpenAI's {@code messages} carry it: {@code system}, {@code user}, {@code assistant}... */
public record ChatMessage(String role, String content) {
}
