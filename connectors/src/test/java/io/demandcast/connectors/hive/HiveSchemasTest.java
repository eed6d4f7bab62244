package io.demandcast.connectors.hive;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code sql/hive/tables.sql}, read by the test's own parser (not the renderer) and
 * checked against {@link CanonicalTables} through the type table below.
 */
class HiveSchemasTest {

  /** Hive's name for each canonical type, written here independently of the renderer. */
  private static final Map<ColumnType, String> HIVE_TYPES = new EnumMap<>(Map.of(
      ColumnType.STRING, "STRING",
      ColumnType.INT32, "INT",
      ColumnType.INT64, "BIGINT",
      ColumnType.DOUBLE, "DOUBLE",
      ColumnType.BOOLEAN, "BOOLEAN",
      ColumnType.DATE, "DATE",
      ColumnType.TIMESTAMP, "TIMESTAMP"));

  private static List<ParsedTable> committed;

  @BeforeAll
  static void parseCommittedFile() throws IOException {
    committed = DdlParser.parse(
        Files.readString(Path.of("..").resolve(Dialect.HIVE.tablesFile()), StandardCharsets.UTF_8));
  }

  private static ParsedTable parsed(TableSchema table) {
    return committed.stream().filter(t -> t.name().equals(table.name())).findFirst().orElseThrow();
  }

  @Test
  void givenTypeTable_whenChecked_thenCoversEveryColumnType() {
    assertThat(HIVE_TYPES.keySet()).containsExactlyInAnyOrder(ColumnType.values());
  }

  @Test
  void givenCommittedFile_whenParsed_thenOneStatementPerCanonicalTableInTheDatabaseVariable() {
    assertThat(committed).extracting(ParsedTable::name)
        .containsExactlyElementsOf(CanonicalTables.ALL.stream().map(TableSchema::name).toList());
    assertThat(committed).allSatisfy(t -> assertThat(t.path()).containsExactly("${database}", t.name()));
  }

  @Test
  void givenCommittedFile_whenParsed_thenColumnsTypesNullabilityAndCommentsMatchTheSchema() {
    for (TableSchema table : CanonicalTables.ALL) {
      ParsedTable hive = parsed(table);
      List<Column> expected = table.columns().stream()
          .filter(c -> !(isRunPartitioned(table) && c.name().equals("run_id")))
          .toList();
      assertThat(hive.columnNames()).as(table.name())
          .containsExactlyElementsOf(expected.stream().map(Column::name).toList());
      for (int i = 0; i < expected.size(); i++) {
        Column column = expected.get(i);
        ParsedColumn found = hive.columns().get(i);
        String where = table.name() + "." + column.name();
        assertThat(found.type()).as(where).isEqualTo(HIVE_TYPES.get(column.type()));
        assertThat(found.notNull()).as(where).isEqualTo(!column.nullable());
        assertThat(found.comment()).as(where).isEqualTo(column.description());
        // sources only declare NOT NULL; outputs take Hive's enforced default
        assertThat(found.constraintModifiers()).as(where).isEqualTo(
            column.nullable() || table.role() == Role.OUTPUT
                ? List.of() : List.of("DISABLE", "NOVALIDATE"));
      }
      assertThat(hive.comment()).as(table.name())
          .isEqualTo(table.role().name().toLowerCase() + " table, one row per " + table.grain());
      assertThat(hive.storedAs()).as(table.name()).isEqualTo("ORC");
    }
  }

  /** Every output table, model_runs too; decided here, not read from the renderer. */
  private static boolean isRunPartitioned(TableSchema table) {
    return table.role() == Role.OUTPUT;
  }

  @Test
  void givenOutputTables_whenParsed_thenEachIsPartitionedByRunIdOnly() {
    assertThat(CanonicalTables.OUTPUTS.stream().filter(HiveSchemasTest::isRunPartitioned))
        .hasSize(CanonicalTables.OUTPUTS.size());
    for (TableSchema table : CanonicalTables.ALL) {
      ParsedTable hive = parsed(table);
      if (isRunPartitioned(table)) {
        assertThat(hive.partitionColumns()).as(table.name()).singleElement().satisfies(p -> {
          assertThat(p.name()).isEqualTo("run_id");
          assertThat(p.type()).isEqualTo("STRING");
          assertThat(p.comment()).isEqualTo(table.column("run_id").orElseThrow().description());
        });
        assertThat(hive.columnNames()).as(table.name()).doesNotContain("run_id");
      } else {
        assertThat(hive.partitionColumns()).as(table.name()).isEmpty();
      }
    }
    assertThat(parsed(CanonicalTables.MODEL_RUNS).columnNames()).startsWith("started_at");
  }

  @Test
  void givenPartitionColumnApi_whenAsked_thenAgreesWithTheScript() {
    for (TableSchema table : CanonicalTables.ALL) {
      assertThat(HiveSchemas.partitionColumn(table).map(Column::name))
          .as(table.name())
          .isEqualTo(parsed(table).partitionColumns().stream().map(ParsedColumn::name).findFirst());
      assertThat(HiveSchemas.dataColumns(table).stream().map(Column::name).toList())
          .isEqualTo(parsed(table).columnNames());
    }
  }

  @Test
  void givenDescriptionWithQuotesBackslashAndNewline_whenRendered_thenEscapedAndReadBackVerbatim() {
    String tricky = "the item's \"own\" target; C:\\path\nsecond line\ttab";
    TableSchema table = new TableSchema("t", Role.SOURCE, "it's one",
        List.of(Column.required("a", ColumnType.STRING, tricky),
            Column.optional("b", ColumnType.DOUBLE, "plain")));
    String sql = HiveSchemas.createTable(table, "db1");
    assertThat(sql).contains("'the item\\'s \"own\" target; C:\\\\path\\nsecond line\\ttab'")
        .contains("COMMENT 'source table, one row per it\\'s one'")
        .doesNotContain("''").doesNotEndWith(";");
    ParsedTable parsed = DdlParser.parseOne(sql);
    assertThat(parsed.path()).containsExactly("db1", "t");
    assertThat(parsed.columns().get(0).comment()).isEqualTo(tricky);
    assertThat(parsed.comment()).isEqualTo("source table, one row per it's one");
  }

  @Test
  void givenDatabase_whenTableRendered_thenScriptStatementWithTheDatabase() {
    String script = HiveSchemas.ddlScript().replace("${database}", "sales_db");
    for (TableSchema table : CanonicalTables.ALL) {
      assertThat(script).contains("\n" + HiveSchemas.createTable(table, "sales_db") + ";\n");
    }
  }

  @Test
  void givenBadDatabaseName_whenTableRendered_thenErrorNamesIt() {
    assertThatThrownBy(() -> HiveSchemas.createTable(CanonicalTables.ERP_SALES, "sales db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'sales db'")
        .hasMessageContaining("letters, digits and underscores");
    assertThatThrownBy(() -> HiveSchemas.createTable(CanonicalTables.ERP_SALES, "db`; drop"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
