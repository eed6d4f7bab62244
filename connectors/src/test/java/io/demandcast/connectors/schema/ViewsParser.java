package io.demandcast.connectors.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small reader of the committed {@code sql/<dialect>/views.sql} files, for tests, with its own
 * regular expressions (not the warehouses' code): the views a file creates, each view's output
 * columns and the tables and views it reads. It handles the shapes those files use (one {@code
 * CREATE OR REPLACE VIEW ... AS <query>;} per view, whole-line {@code --} comments, at most one
 * {@code WITH} name per query); an unexpected shape makes a test fail rather than pass.
 */
public final class ViewsParser {
  private ViewsParser() {}

  private static final Pattern VIEW =
      Pattern.compile("CREATE OR REPLACE VIEW\\s+(\\S+)\\s+AS\\s+(.*?);\\s*(?=\\n|$)",
          Pattern.DOTALL);
  /** A relation after FROM or JOIN: a backtick-quoted path or a plain (dotted) name. */
  public static final Pattern RELATION =
      Pattern.compile("\\b(?:FROM|JOIN)\\s+(`[^`]+`|[A-Za-z_][\\w.]*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern CTE = Pattern.compile("\\bWITH\\s+(\\w+)\\s+AS\\s*\\(",
      Pattern.CASE_INSENSITIVE);

  /**
   * The views of a file: view name (unquoted, without {@code ${dataset}.}) to its query, in file
   * order, with the whole-line comments removed.
   */
  public static Map<String, String> views(Path file) throws IOException {
    StringBuilder code = new StringBuilder();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.strip().startsWith("--")) {
        code.append(line).append('\n');
      }
    }
    Map<String, String> views = new LinkedHashMap<>();
    Matcher m = VIEW.matcher(code);
    while (m.find()) {
      views.put(unquote(m.group(1)), m.group(2).strip());
    }
    return views;
  }

  /** A name without backticks and without the {@code ${dataset}.} prefix of BigQuery's files. */
  public static String unquote(String name) {
    return name.replace("`", "").replace("${dataset}.", "");
  }

  /**
   * The output columns of a query's last top-level SELECT, lower case: each item's alias, else the
   * item itself (a column name or {@code x.*}).
   */
  public static List<String> outputColumns(String query) {
    int select = lastTopLevel(query, "SELECT");
    int from = indexOfTopLevel(query, "FROM", select);
    List<String> columns = new ArrayList<>();
    for (String item : splitTopLevel(query.substring(select + "SELECT".length(), from))) {
      String s = item.strip();
      Matcher alias = Pattern.compile("(?is).*\\bAS\\s+(\\w+)$").matcher(s);
      columns.add(alias.matches() ? alias.group(1).toLowerCase(Locale.ROOT)
          : s.toLowerCase(Locale.ROOT));
    }
    return columns;
  }

  /** The names of a query's {@code WITH} subqueries. */
  public static Set<String> cteNames(String query) {
    Set<String> ctes = new LinkedHashSet<>();
    Matcher cte = CTE.matcher(query);
    while (cte.find()) {
      ctes.add(cte.group(1));
    }
    return ctes;
  }

  /** The tables and views a query reads (unquoted), without its own CTE names. */
  public static Set<String> relations(String query) {
    Set<String> ctes = cteNames(query);
    Set<String> found = new LinkedHashSet<>();
    Matcher m = RELATION.matcher(query);
    while (m.find()) {
      String name = unquote(m.group(1));
      if (!ctes.contains(name)) {
        found.add(name);
      }
    }
    return found;
  }

  private static int depthAt(String s, int index) {
    int depth = 0;
    for (int i = 0; i < index; i++) {
      depth += s.charAt(i) == '(' ? 1 : s.charAt(i) == ')' ? -1 : 0;
    }
    return depth;
  }

  private static int lastTopLevel(String s, String word) {
    Matcher m = Pattern.compile("\\b" + word + "\\b", Pattern.CASE_INSENSITIVE).matcher(s);
    int last = -1;
    while (m.find()) {
      if (depthAt(s, m.start()) == 0) {
        last = m.start();
      }
    }
    if (last < 0) {
      throw new AssertionError("no top-level " + word + " in " + s);
    }
    return last;
  }

  private static int indexOfTopLevel(String s, String word, int after) {
    Matcher m = Pattern.compile("\\b" + word + "\\b", Pattern.CASE_INSENSITIVE).matcher(s);
    while (m.find()) {
      if (m.start() > after && depthAt(s, m.start()) == 0) {
        return m.start();
      }
    }
    throw new AssertionError("no top-level " + word + " in " + s);
  }

  private static List<String> splitTopLevel(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ',' && depth == 0) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }
}
