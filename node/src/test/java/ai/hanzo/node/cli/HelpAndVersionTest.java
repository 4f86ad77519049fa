package ai.hanzo.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.config.Setting;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelpAndVersionTest {
  @Test
  void versionNamesVersionCommitAndJdk() {
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), "--version")).isEqualTo(0);
    assertThat(cli.out()).contains("hanzo-node ").contains("commit ").contains("JDK " + Runtime.version().feature());
  }

  @Test
  void runHelpDocumentsEveryFlagWithItsVariableAndDefault() {
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), "run", "--help")).isEqualTo(0);
    String help = cli.out().replaceAll("\\s+", " ");
    for (Setting<?> s : RunCommand.SETTINGS) {
      assertThat(help).as(s.flag()).contains(s.flag()).contains(s.env());
      if (!s.defaultText().isEmpty()) {
        assertThat(help).as(s.flag() + " default").contains("default " + s.defaultText());
      }
    }
  }

  @Test
  void topLevelHelpListsRun() {
    CliHarness cli = new CliHarness();
    assertThat(cli.run(Map.of(), "--help")).isEqualTo(0);
    assertThat(cli.out()).contains("run").contains("Exit codes");
  }

  @Test
  void aCommandLineBuiltForOneSubcommandHasExactlyThatOne() {
    picocli.CommandLine all = Main.commandLine(Map.of(), Terminal.system());
    for (String name : all.getSubcommands().keySet()) {
      if (!all.getSubcommands().get(name).getCommandName().equals(name)) {
        continue; // an alias (ps): its command line is built with every subcommand
      }
      assertThat(Main.commandLine(Map.of(), Terminal.system(), name).getSubcommands()).as(name).containsKey(name);
    }
    assertThat(Main.commandLine(Map.of(), Terminal.system(), "run").getSubcommands()).containsOnlyKeys("run");
  }
}
