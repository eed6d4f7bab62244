package io.demandcast.connectors.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code sql/bigquery/views.sql} against {@code sql/duckdb/views.sql}, read with this
 * test's own regular expressions (not the warehouse's code): the same views, in the same order,
 * each with the same output columns (names, or {@code alias.*}) over the same tables and views; and
 * every table a BigQuery view reads named {@code `${dataset}.<name>`}. Whether BigQuery accepts the
 * SQL is not checked here (no BigQuery runs in the tests).
 */
class BigQueryViewsTest {
  private static final Pattern VIEW =
      Pattern.compile("CREATE OR REPLACE VIEW\\s+(\\S+)\\s+AS\\s+(.*?);\\s*(?=\\n|$)",
          Pattern.DOTALL);
  private static final Pattern RELATION =
      Pattern.compile("\\b(?:FROM|JOIN)\\s+(`[^`]+`|[A-Za-z_][\\w.]*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern CTE = Pattern.compile("\\bWITH\\s+(\\w+)\\s+AS\\s*\\(",
      Pattern.CASE_INSENSITIVE);

  private static Map<String, String> duckDb;
  private static Map<String, String> bigQuery;

  @BeforeAll
  static void readBothFiles() throws IOException {
    duckDb = views(Path.of("../sql/duckdb/views.sql"));
    bigQuery = views(Path.of("../sql/bigquery/views.sql"));
  }

  /** View name (unquoted, without the dataset) to its query, in file order; comments removed. */
  private static Map<String, String> views(Path file) throws IOException {
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

  private static String unquote(String name) {
    return name.replace("`", "").replace("${dataset}.", "");
  }

  /** The output columns of a query's last top-level SELECT: aliases, column names or {@code x.*}. */
  private static List<String> outputColumns(String query) {
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

  /** The tables and views a query reads, without its own CTE names. */
  private static Set<String> relations(String query) {
    Set<String> ctes = new LinkedHashSet<>();
    Matcher cte = CTE.matcher(query);
    while (cte.find()) {
      ctes.add(cte.group(1));
    }
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

  @Test
  void givenBothFiles_whenParsed_thenTheSameViewsInTheSameOrder() {
    assertThat(duckDb).hasSize(8);
    assertThat(bigQuery.keySet()).containsExactlyElementsOf(duckDb.keySet());
  }

  @Test
  void givenEachView_whenParsed_thenSameOutputColumnsOverTheSameRelations() {
    for (String view : duckDb.keySet()) {
      assertThat(outputColumns(bigQuery.get(view))).as(view)
          .containsExactlyElementsOf(outputColumns(duckDb.get(view)));
      assertThat(relations(bigQuery.get(view))).as(view)
          .containsExactlyInAnyOrderElementsOf(relations(duckDb.get(view)));
    }
    // the parser sees what is there
    assertThat(outputColumns(duckDb.get("forecast_accuracy_by_model"))).containsExactly(
        "model", "series", "times_selected", "mean_mase", "median_mase", "mean_rmsse",
        "mean_smape", "mean_coverage", "failures");
    assertThat(outputColumns(duckDb.get("latest_recommendations")))
        .containsExactly("i.*", "order_value");
  }

  @Test
  void givenBigQueryViews_whenParsed_thenEveryRelationInTheDatasetAndACanonicalTableOrEarlierView() {
    Set<String> known = new LinkedHashSet<>(
        CanonicalTables.OUTPUTS.stream().map(TableSchema::name).toList());
    for (Map.Entry<String, String> view : bigQuery.entrySet()) {
      Matcher m = RELATION.matcher(view.getValue());
      while (m.find()) {
        String name = m.group(1);
        if (!name.equals("a")) { // forecast_accuracy_by_model's CTE
          assertThat(name).as(view.getKey()).matches("`\\$\\{dataset}\\.\\w+`");
          assertThat(known).as(view.getKey()).contains(unquote(name));
        }
      }
      known.add(view.getKey());
    }
  }
}
