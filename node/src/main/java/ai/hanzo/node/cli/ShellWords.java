package ai.hanzo.node.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command given as one string into words the way Compose does (POSIX shell quoting: single quotes,
 * double quotes with backslash escapes, backslash outside quotes), without expanding anything.
 */
final class ShellWords {
  private ShellWords() {}

  static List<String> split(String line, String path) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        inWord = true;
        if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '\\' && i + 1 < line.length()) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      }
    }
    if (quote != 0) {
      throw ComposeFileException.at(path, "unterminated " + (quote == '"' ? "double" : "single") + " quote in '"
          + line + "'");
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
