package io.demandcast.connectors.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnType;
import io.demandcast.connectors.schema.DdlParser;
import io.demandcast.connectors.schema.DdlParser.ParsedColumn;
import io.demandcast.connectors.schema.DdlParser.ParsedTable;
import io.demandcast.connectors.schema.Dialect;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.connectors.schema.TableSchema.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code sql/bigquery/tables.sql}, read by the test's own parser (not the renderer)
 * and checked against {@link CanonicalTables} and BigQuery's partitioning and clustering rules.
 */
class BigQuerySchemasTest {

  /** GoogleSQL's name for each canonical type, written here independently of the renderer. */
  private static final Map<ColumnType, String> BIGQUERY_TYPES = new EnumMap<>(Map.of(
      ColumnType.STRING, "STRING",
      ColumnType.INT32, "INT64",
      ColumnType.INT64, "INT64",
      ColumnType.DOUBLE, "FLOAT64",
      ColumnType.BOOLEAN, "BOOL",
      ColumnType.DATE, "DATE",
      // a local date-time without zone (Beam SqlTypes.DATETIME), not an instant
      ColumnType.TIMESTAMP, "DATETIME"));

  /**
   * The partition expressions BigQuery accepts over a column (its documented list, without
   * ingestion time and integer ranges, which demandcast does not use), with the column type each
   * needs: group 1 or 2 is the column.
   */
  private static final Pattern ON_DATE =
      Pattern.compile("`(\\w+)`|DATE_TRUNC \\( `(\\w+)` , (?:MONTH|YEAR) \\)");
  private static final Pattern ON_DATETIME =
      Pattern.compile("DATE \\( `(\\w+)` \\)|DATETIME_TRUNC \\( `(\\w+)` , (?:DAY|HOUR|MONTH|YEAR) \\)");

  private static List<ParsedTable> committed;

  @BeforeAll
  static void parseCommittedFile() throws IOException {
    committed = DdlParser.parse(Files.readString(
        Path.of("..").resolve(Dialect.BIGQUERY.tablesFile()), StandardCharsets.UTF_8));
  }

  private static ParsedTable parsed(TableSchema table) {
    return committed.stream().filter(t -> t.name().equals(table.name())).findFirst().orElseThrow();
  }

  @Test
  void givenTypeTable_whenChecked_thenCoversEveryColumnType() {
    assertThat(BIGQUERY_TYPES.keySet()).containsExactlyInAnyOrder(ColumnType.values());
  }

  @Test
  void givenCommittedFile_whenParsed_thenOneStatementPerCanonicalTableInTheDatasetPlaceholder() {
    assertThat(committed).extracting(ParsedTable::name)
        .containsExactlyElementsOf(CanonicalTables.ALL.stream().map(TableSchema::name).toList());
    assertThat(committed).allSatisfy(
        t -> assertThat(t.path()).containsExactly("${dataset}." + t.name()));
  }

  @Test
  void givenCommittedFile_whenParsed_thenColumnsTypesNullabilityAndDescriptionsMatchTheSchema() {
    for (TableSchema table : CanonicalTables.ALL) {
      ParsedTable bq = parsed(table);
      assertThat(bq.columnNames()).as(table.name()).containsExactlyElementsOf(table.columnNames());
      for (int i = 0; i < table.columns().size(); i++) {
        Column column = table.columns().get(i);
        ParsedColumn found = bq.columns().get(i);
        String where = table.name() + "." + column.name();
        assertThat(found.type()).as(where).isEqualTo(BIGQUERY_TYPES.get(column.type()));
        assertThat(found.notNull()).as(where).isEqualTo(!column.nullable());
        assertThat(found.constraintModifiers()).as(where).isEmpty();
        assertThat(found.comment()).as(where).isEqualTo(column.description());
      }
      assertThat(bq.comment()).as(table.name())
          .isEqualTo(table.role().name().toLowerCase() + " table, one row per " + table.grain());
      assertThat(bq.storedAs()).isNull();
      assertThat(bq.partitionColumns()).isEmpty();
    }
  }

  @Test
  void givenCommittedFile_whenParsed_thenClusteringColumnsExistAreDistinctAndAtMostFour() {
    for (ParsedTable bq : committed) {
      assertThat(bq.clusterBy()).as(bq.name()).hasSizeLessThanOrEqualTo(4)
          .doesNotHaveDuplicates();
      assertThat(bq.columnNames()).as(bq.name()).containsAll(bq.clusterBy());
      for (String name : bq.clusterBy()) {
        // BigQuery clusters by top-level scalar columns; FLOAT64 is not allowed
        String type = bq.columns().get(bq.columnNames().indexOf(name)).type();
        assertThat(type).as(bq.name() + "." + name)
            .isIn("STRING", "INT64", "BOOL", "DATE", "DATETIME", "TIMESTAMP");
      }
    }
  }

  @Test
  void givenOutputTables_whenParsed_thenClusteredByRunIdThenSkuAndLocation() {
    for (TableSchema table : CanonicalTables.OUTPUTS) {
      List<String> clusterBy = parsed(table).clusterBy();
      if (table.name().equals("model_runs")) {
        assertThat(clusterBy).isEmpty();
      } else if (table.column("sku").isPresent() && table.column("location").isPresent()) {
        assertThat(clusterBy).as(table.name()).containsExactly("run_id", "sku", "location");
      } else {
        assertThat(clusterBy).as(table.name()).containsExactly("run_id");
      }
    }
    // and the brief's example tables
    assertThat(parsed(CanonicalTables.INVENTORY_RECOMMENDATIONS).clusterBy())
        .containsSubsequence("sku", "location");
  }

  @Test
  void givenCommittedFile_whenParsed_thenEveryPartitionIsAnAcceptedExpressionOverADateColumn() {
    int partitioned = 0;
    for (TableSchema table : CanonicalTables.ALL) {
      String expression = parsed(table).partitionBy();
      if (expression == null) {
        continue;
      }
      partitioned++;
      Matcher onDate = ON_DATE.matcher(expression);
      Matcher onDateTime = ON_DATETIME.matcher(expression);
      String column;
      String needs;
      if (onDate.matches()) {
        column = onDate.group(1) != null ? onDate.group(1) : onDate.group(2);
        needs = "DATE";
      } else if (onDateTime.matches()) {
        column = onDateTime.group(1) != null ? onDateTime.group(1) : onDateTime.group(2);
        needs = "DATETIME";
      } else {
        throw new AssertionError(table.name() + ": BigQuery does not partition by " + expression);
      }
      ParsedColumn partitionColumn =
          parsed(table).columns().get(parsed(table).columnNames().indexOf(column));
      assertThat(partitionColumn.type()).as(table.name() + " partitioned by " + expression)
          .isEqualTo(needs);
    }
    assertThat(partitioned).isPositive();
    assertThat(parsed(CanonicalTables.DEMAND_FORECASTS).partitionBy())
        .isEqualTo("DATE_TRUNC ( `period_start` , MONTH )");
    assertThat(parsed(CanonicalTables.REJECTED_RECORDS).partitionBy()).isEqualTo("DATE ( `ts` )");
    assertThat(parsed(CanonicalTables.MODEL_RUNS).partitionBy()).isNull();
  }

  @Test
  void givenEveryColumnTypeAndGranularity_whenPartitionExpressionRendered_thenAcceptedForThatType() {
    for (BigQuerySchemas.Granularity g : BigQuerySchemas.Granularity.values()) {
      BigQuerySchemas.Partitioning p = new BigQuerySchemas.Partitioning("d", g);
      // the test parser's spacing: one space between tokens
      String onDate = BigQuerySchemas.partitionExpression(ColumnType.DATE, p)
          .replaceAll("([(),])", " $1 ").replaceAll(" +", " ").strip();
      String onDateTime = BigQuerySchemas.partitionExpression(ColumnType.TIMESTAMP, p)
          .replaceAll("([(),])", " $1 ").replaceAll(" +", " ").strip();
      assertThat(onDate).as(g + " over DATE").matches(ON_DATE).doesNotMatch(ON_DATETIME);
      assertThat(onDateTime).as(g + " over DATETIME").matches(ON_DATETIME).doesNotMatch(ON_DATE);
    }
    for (ColumnType other : List.of(ColumnType.STRING, ColumnType.INT64, ColumnType.DOUBLE)) {
      assertThatThrownBy(() -> BigQuerySchemas.partitionExpression(
              other, new BigQuerySchemas.Partitioning("x", BigQuerySchemas.Granularity.DAY)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("x is " + other);
    }
  }

  @Test
  void givenPartitioningAndClusteringApi_whenAsked_thenAgreesWithTheScript() {
    for (TableSchema table : CanonicalTables.ALL) {
      assertThat(BigQuerySchemas.clustering(table)).as(table.name())
          .isEqualTo(parsed(table).clusterBy());
      assertThat(BigQuerySchemas.partitioning(table).map(BigQuerySchemas.Partitioning::column))
          .as(table.name())
          .isEqualTo(java.util.Optional.ofNullable(parsed(table).partitionBy())
              .map(e -> e.replaceAll(".*`(\\w+)`.*", "$1")));
    }
  }

  @Test
  void givenDescriptionWithQuotesBackslashAndNewline_whenRendered_thenEscapedAndReadBackVerbatim() {
    String tricky = "the item's \"own\" target; C:\\path\nsecond line\ttab";
    TableSchema table = new TableSchema("t", Role.OUTPUT, "it's one",
        List.of(Column.required("run_id", ColumnType.STRING, "run"),
            Column.required("a", ColumnType.STRING, tricky)));
    String sql = BigQuerySchemas.createTable(table, "my-project.ds_1");
    assertThat(sql).contains("'the item\\'s \"own\" target; C:\\\\path\\nsecond line\\ttab'")
        .doesNotContain("''").doesNotEndWith(";");
    ParsedTable parsed = DdlParser.parseOne(sql);
    assertThat(parsed.path()).containsExactly("my-project.ds_1.t");
    assertThat(parsed.columns().get(1).comment()).isEqualTo(tricky);
    assertThat(parsed.comment()).isEqualTo("output table, one row per it's one");
    assertThat(parsed.clusterBy()).containsExactly("run_id");
  }

  @Test
  void givenDataset_whenTableRendered_thenScriptStatementWithTheDataset() {
    String script = BigQuerySchemas.ddlScript().replace("${dataset}", "my-project.demandcast");
    for (TableSchema table : CanonicalTables.ALL) {
      assertThat(script)
          .contains("\n" + BigQuerySchemas.createTable(table, "my-project.demandcast") + ";\n");
    }
    assertThat(BigQuerySchemas.createTable(CanonicalTables.MODEL_RUNS, "demandcast"))
        .startsWith("CREATE TABLE IF NOT EXISTS `demandcast.model_runs` (");
    assertThat(BigQuerySchemas.createTable(CanonicalTables.MODEL_RUNS, "example.com:proj.demandcast"))
        .startsWith("CREATE TABLE IF NOT EXISTS `example.com:proj.demandcast.model_runs` (");
  }

  @Test
  void givenBadDataset_whenTableRendered_thenErrorNamesItAndTheForm() {
    for (String bad : List.of("my dataset", "a.b.c", "ds`; drop", "", "Proj.ds")) {
      assertThatThrownBy(() -> BigQuerySchemas.createTable(CanonicalTables.ERP_SALES, bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'")
          .hasMessageContaining("my-project.demandcast");
    }
  }

  @Test
  void givenScript_whenRead_thenNoOtherPlaceholderThanTheDataset() {
    Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(BigQuerySchemas.ddlScript());
    HashSet<String> names = new HashSet<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    assertThat(names).containsExactly("dataset");
  }
}
