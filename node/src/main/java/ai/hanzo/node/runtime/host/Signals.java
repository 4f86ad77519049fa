package ai.hanzo.node.runtime.host;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import java.util.Locale;
import java.util.Map;

/** Turns a signal given as {@code TERM}, {@code SIGTERM}, {@code sigterm} or {@code 15} into its Linux number. */
public final class Signals {
  private static final Map<String, Integer> NUMBERS = Map.ofEntries(
      Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("TRAP", 5),
      Map.entry("ABRT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10),
      Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14),
      Map.entry("TERM", 15), Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19),
      Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23),
      Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27),
      Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("PWR", 30), Map.entry("SYS", 31));

  private Signals() {}

  public static int number(String signal) {
    if (signal == null || signal.isBlank()) {
      throw ContainerRuntimeException.invalidSpec("a signal is required (e.g. TERM, KILL or 15)");
    }
    String name = signal.strip().toUpperCase(Locale.ROOT);
    if (name.chars().allMatch(Character::isDigit) && name.length() <= 2) {
      int number = Integer.parseInt(name);
      if (number >= 1 && number <= 64) {
        return number;
      }
    }
    Integer number = NUMBERS.get(name.startsWith("SIG") ? name.substring(3) : name);
    if (number == null) {
      throw ContainerRuntimeException.invalidSpec("unknown signal '" + signal + "' (use a name like TERM or a "
          + "number from 1 to 64)");
    }
    return number;
  }
}
