package io.demandcast.pipelines.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command-line reference ({@code docs/options.md}), generated from picocli's model of {@link
 * DemandcastCli}: per command its description, a table of its options and parameters (names,
 * parameter label, default, description, as {@code --help} gives them) and its examples. Hidden
 * commands come last, under their own heading; hidden options and the standard {@code --help} and
 * {@code --version} are left out.
 *
 * <p>Defaults are shown as written in the code, not as resolved on this machine: a default read
 * from the environment or a system property ({@code ${env:NAME:-...}}, {@code ${sys:user.home}})
 * is spelt out, so that the file is the same wherever it is generated.
 *
 * <p>Regenerate the committed file with {@link #REGENERATE}; {@code OptionsReferenceTest} fails
 * while it differs from {@link #generate}.
 */
public final class OptionsReference {
  private OptionsReference() {}

  /** The committed file, from the repository root. */
  public static final String FILE = "docs/options.md";

  /** The command that rewrites the committed file, from the repository root. */
  public static final String REGENERATE = "./demandcast options-reference > " + FILE;

  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+):-([^{}]*)}");
  /**
   * The "Default: ..." sentence of a help text: up to the end of the text, or to a full stop
   * that ends the sentence (followed by a capital), not one inside a number such as 0.95.
   */
  private static final Pattern SAID_DEFAULT =
      Pattern.compile("(?:^|\\s)Default: (.+?)(?:\\.(?=\\s+[A-Z])|\\.?$)");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}");

  /** The reference as Markdown, ending in a newline. */
  public static String generate() {
    CommandSpec root = spec(false);
    CommandSpec raw = spec(true);
    List<CommandSpec> visible = new ArrayList<>();
    List<CommandSpec> hidden = new ArrayList<>();
    for (CommandLine sub : root.subcommands().values()) {
      CommandSpec command = sub.getCommandSpec();
      if (command.userObject() instanceof CommandLine.HelpCommand
          || visible.contains(command) || hidden.contains(command)) {
        continue; // picocli lists a command once per name and alias
      }
      (command.usageMessage().hidden() ? hidden : visible).add(command);
    }

    StringBuilder md = new StringBuilder();
    md.append("# Command-line reference\n\n")
        .append("<!-- Generated from the command line's own definitions: do not edit by hand."
            + " Regenerate with ").append(REGENERATE).append(" -->\n\n")
        .append("Every command and option of `./demandcast`, generated from the command line's own"
            + " definitions (the same text as `./demandcast COMMAND --help`). Do not edit this"
            + " file by hand: after changing a command or an option, regenerate it from the"
            + " repository root with\n\n")
        .append("```bash\n").append(REGENERATE).append("\n```\n\n")
        .append("(`OptionsReferenceTest` fails until you do). Every command also takes `-h`,"
            + " `--help` (print the help and exit) and `-V`, `--version` (print the version and"
            + " exit). `run`, `demo` and `check` pass options they do not know on to Beam as"
            + " `--name=value` (`--runner=FlinkRunner`, `--awsRegion=...`, `--project=...`):"
            + " those are Beam's and its runners' options, not listed here.\n\n");
    for (CommandSpec command : visible) {
      md.append("- [").append(command.name()).append("](#").append(command.name()).append(") — ")
          .append(inline(firstLine(command))).append('\n');
    }
    if (!hidden.isEmpty()) {
      md.append("- [Maintenance commands](#maintenance-commands), not listed by `--help`: ");
      List<String> names = new ArrayList<>();
      for (CommandSpec command : hidden) {
        names.add("[" + command.name() + "](#" + command.name() + ")");
      }
      md.append(String.join(", ", names)).append('\n');
    }
    for (CommandSpec command : visible) {
      section(md, "##", command, raw.subcommands().get(command.name()).getCommandSpec());
    }
    if (!hidden.isEmpty()) {
      md.append(md.toString().endsWith("\n\n") ? "" : "\n").append("## Maintenance commands\n\n")
          .append("Hidden from `./demandcast --help`: they regenerate committed files.\n");
      for (CommandSpec command : hidden) {
        section(md, "###", command, raw.subcommands().get(command.name()).getCommandSpec());
      }
    }
    return md.toString().stripTrailing() + "\n";
  }

  /** The model of {@code demandcast}, with picocli's variables resolved or, if raw, as written. */
  private static CommandSpec spec(boolean raw) {
    CommandLine cli = new CommandLine(new DemandcastCli());
    if (raw) {
      cli.setInterpolateVariables(false);
    }
    return cli.getCommandSpec();
  }

  private static String firstLine(CommandSpec command) {
    String[] description = command.usageMessage().description();
    return description.length == 0 ? "" : description[0].replace("%n", " ").strip();
  }

  private static void section(StringBuilder md, String level, CommandSpec command, CommandSpec raw) {
    md.append(md.toString().endsWith("\n\n") ? "" : "\n")
        .append(level).append(' ').append(command.name()).append("\n\n");
    List<ArgSpec> args = arguments(command);
    text(md, command.usageMessage().description());
    if (!args.isEmpty()) {
      md.append("| option | value | default | description |\n")
          .append("|---|---|---|---|\n");
      for (ArgSpec arg : args) {
        String description = String.join(" ", arg.description()).replace("%n", " ")
            .replaceAll("\\s+", " ").strip();
        String modelDefault = defaultValue(arg, raw);
        String shownDefault = modelDefault == null ? "—" : "`" + code(modelDefault) + "`";
        // the help's own "Default: ..." goes to the default column when it says no more than
        // the model's default, or when the model has none (a default computed in the code)
        Matcher said = SAID_DEFAULT.matcher(description);
        if (said.find()) {
          String text = said.group(1).strip();
          if (text.equals(modelDefault) || modelDefault == null) {
            shownDefault = modelDefault != null ? shownDefault : cell(text);
            description = (description.substring(0, said.start()) + " "
                + description.substring(said.end())).strip();
          }
        }
        md.append("| ").append(names(arg))
            .append(" | ").append(value(arg))
            .append(" | ").append(shownDefault)
            .append(" | ").append(cell(description))
            .append(" |\n");
      }
      md.append('\n');
    }
    text(md, command.usageMessage().footer());
  }

  /** The options and parameters {@code --help} shows, in its order. */
  private static List<ArgSpec> arguments(CommandSpec command) {
    List<ArgSpec> out = new ArrayList<>();
    for (PositionalParamSpec p : command.positionalParameters()) {
      if (!p.hidden()) {
        out.add(p);
      }
    }
    List<OptionSpec> options = new ArrayList<>();
    for (OptionSpec o : command.options()) {
      if (!o.hidden() && !o.usageHelp() && !o.versionHelp()) {
        options.add(o);
      }
    }
    if (command.usageMessage().sortOptions()) {
      options.sort(Comparator.comparing(
          (OptionSpec o) -> o.shortestName().replaceFirst("^-+", ""), String.CASE_INSENSITIVE_ORDER));
    }
    out.addAll(options);
    return out;
  }

  private static String names(ArgSpec arg) {
    if (arg instanceof OptionSpec o) {
      List<String> names = new ArrayList<>();
      for (String name : o.names()) {
        names.add("`" + name + "`");
      }
      return String.join(", ", names);
    }
    return "`" + arg.paramLabel() + "` (parameter)";
  }

  /** The parameter label, or a dash for a flag; "(repeatable)" for an option that repeats. */
  private static String value(ArgSpec arg) {
    if (arg.isOption() && arg.arity().max() == 0) {
      return "—";
    }
    String label = "`" + code(arg.paramLabel()) + "`";
    return arg.isMultiValue() && arg.isOption() ? label + " (repeatable)" : label;
  }

  /**
   * The default as written in the code, with environment and system variables spelt out; null
   * when there is none.
   */
  private static String defaultValue(ArgSpec arg, CommandSpec raw) {
    String value = rawDefault(arg, raw);
    if (value == null || value.isEmpty()) {
      return null;
    }
    value = value.replace("${sys:user.home}", "~");
    Matcher env = ENV.matcher(value);
    StringBuilder spelt = new StringBuilder();
    while (env.find()) {
      env.appendReplacement(spelt, Matcher.quoteReplacement(
          "$" + env.group(1) + ", else " + env.group(2)));
    }
    env.appendTail(spelt);
    return VARIABLE.matcher(spelt.toString()).find() ? "(computed)" : spelt.toString();
  }

  private static String rawDefault(ArgSpec arg, CommandSpec raw) {
    if (arg instanceof OptionSpec o) {
      OptionSpec r = raw.findOption(o.longestName());
      return r == null ? o.defaultValue() : r.defaultValue();
    }
    for (PositionalParamSpec p : raw.positionalParameters()) {
      if (p.paramLabel().equals(arg.paramLabel())) {
        return p.defaultValue();
      }
    }
    return arg.defaultValue();
  }

  /**
   * Description or footer lines as Markdown: {@code %n} starts a paragraph, lines indented by
   * two spaces or more (examples, commands) become a code block.
   */
  private static void text(StringBuilder md, String[] lines) {
    List<String> split = new ArrayList<>();
    for (String line : lines) {
      for (String part : line.replace("%n", "\n\u0000").split("\n", -1)) {
        split.add(part);
      }
    }
    List<String> paragraph = new ArrayList<>();
    List<String> code = new ArrayList<>();
    for (String line : split) {
      boolean startsParagraph = line.startsWith("\u0000");
      line = line.replace("\u0000", "");
      boolean indented = line.startsWith("  ") && !line.isBlank();
      if (indented) {
        flushParagraph(md, paragraph);
        code.add(line.substring(2));
        continue;
      }
      flushCode(md, code);
      if (startsParagraph || line.isBlank()) {
        flushParagraph(md, paragraph);
      }
      if (!line.isBlank()) {
        paragraph.add(line.strip());
      }
    }
    flushParagraph(md, paragraph);
    flushCode(md, code);
  }

  private static void flushParagraph(StringBuilder md, List<String> paragraph) {
    if (!paragraph.isEmpty()) {
      md.append(inline(String.join(" ", paragraph))).append("\n\n");
      paragraph.clear();
    }
  }

  private static void flushCode(StringBuilder md, List<String> code) {
    if (!code.isEmpty()) {
      md.append("```\n");
      code.forEach(line -> md.append(line).append('\n'));
      md.append("```\n\n");
      code.clear();
    }
  }

  /** Text as Markdown prose: nothing in it is taken for markup or HTML. */
  static String inline(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\', '`', '*', '[', ']' -> out.append('\\').append(c);
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '_' -> {
          boolean inWord = i > 0 && i < text.length() - 1
              && Character.isLetterOrDigit(text.charAt(i - 1))
              && Character.isLetterOrDigit(text.charAt(i + 1));
          out.append(inWord ? "_" : "\\_");
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Text in a table cell: prose, on one line, with its pipes escaped. */
  static String cell(String text) {
    return inline(text.replace("%n", " ").replaceAll("\\s+", " ").strip()).replace("|", "\\|");
  }

  /** Text in a code span inside a table cell. */
  private static String code(String text) {
    return text.replace("|", "\\|");
  }

  /** The commands the reference covers, visible and hidden, by name (for the test). */
  static Map<String, CommandLine> commands() {
    return spec(false).subcommands();
  }
}
