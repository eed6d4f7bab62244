package io.demandcast.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.pipelines.cli.CliRun.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The committed command-line reference ({@code docs/options.md}, found from the module folder)
 * against the one generated from picocli's model of the command line, and the generator itself.
 */
class OptionsReferenceTest {
  static final Path REFERENCE = Path.of("..").resolve(OptionsReference.FILE);

  @Test
  void givenCommittedReference_whenComparedWithTheGenerated_thenEqual() throws IOException {
    assertThat(REFERENCE).as("%s is missing; generate it from the repository root with:%n  %s",
        REFERENCE, OptionsReference.REGENERATE).isRegularFile();
    assertThat(Files.readString(REFERENCE, StandardCharsets.UTF_8))
        .as("%s differs from the reference generated from the commands' options (a command or"
            + " an option changed); regenerate it from the repository root with:%n  %s",
            REFERENCE, OptionsReference.REGENERATE)
        .isEqualTo(OptionsReference.generate());
  }

  @Test
  void givenTheCommand_whenRun_thenPrintsTheGeneratedReference() {
    Outcome r = CliRun.execute("options-reference");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo(OptionsReference.generate());
  }

  @Test
  void givenTheCommandLine_whenGenerated_thenEveryCommandHasASectionWithEachOfItsOptions() {
    String md = OptionsReference.generate();
    for (var entry : OptionsReference.commands().entrySet()) {
      CommandSpec command = entry.getValue().getCommandSpec();
      if (command.userObject() instanceof CommandLine.HelpCommand) {
        assertThat(md).doesNotContain("## help\n");
        continue;
      }
      String heading = (command.usageMessage().hidden() ? "### " : "## ") + command.name() + "\n";
      assertThat(md).as("section of %s", command.name()).contains("\n" + heading);
      int start = md.indexOf("\n" + heading);
      int end = md.indexOf("\n## ", start + heading.length());
      String section = md.substring(start, end < 0 ? md.length() : end);
      for (OptionSpec option : command.options()) {
        String row = "| `" + option.longestName() + "`";
        if (option.hidden() || option.usageHelp() || option.versionHelp()) {
          assertThat(section).doesNotContain(row);
        } else {
          assertThat(section).as("%s %s", command.name(), option.longestName()).contains(row);
        }
      }
    }
  }

  @Test
  void givenTheReference_whenRead_thenEveryTableRowHasFourCellsAndNoMachinePath() {
    String md = OptionsReference.generate();
    Pattern unescapedPipe = Pattern.compile("(?<!\\\\)\\|");
    List<String> rows = md.lines().filter(l -> l.startsWith("| ")).toList();
    assertThat(rows).hasSizeGreaterThan(100);
    for (String row : rows) {
      assertThat(unescapedPipe.matcher(row).results().count()).as(row).isEqualTo(5);
    }
    // defaults read from the environment are spelt out, not resolved on this machine
    assertThat(md).contains("| `--history` | `FILE` | `$DEMANDCAST_HISTORY, else ~/.demandcast_history` |")
        .doesNotContain(System.getProperty("user.home") + "/")
        .doesNotContain("${");
  }

  @Test
  void givenMarkdownSpecialCharacters_whenInline_thenTakenLiterally() {
    assertThat(OptionsReference.inline("duckdb:<file>#<table>")).isEqualTo("duckdb:&lt;file&gt;#&lt;table&gt;");
    assertThat(OptionsReference.inline("latest_* views, s_S, _SUCCESS"))
        .isEqualTo("latest\\_\\* views, s_S, \\_SUCCESS");
    assertThat(OptionsReference.cell("csv|parquet")).isEqualTo("csv\\|parquet");
  }
}
