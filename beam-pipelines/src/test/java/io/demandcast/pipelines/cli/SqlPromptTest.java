package io.demandcast.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prompt driven through JLine on a dumb terminal over in-memory streams, keys as typed. */
class SqlPromptTest {
  /** One warehouse for the class: setting up its tables and views takes seconds; the tests only read. */
  @TempDir static Path shared;

  @TempDir Path dir;

  private static Path warehouse;
  private Path history;

  @BeforeAll
  static void createWarehouse() throws Exception {
    warehouse = shared.resolve("w.duckdb");
    try (Connection c = DuckDbWarehouse.open(warehouse).connect(); // with the analysts' views
        Statement s = c.createStatement()) {
      s.execute("create table stock (sku varchar not null, on_hand double)");
      s.execute("comment on column stock.on_hand is 'units on hand'");
      s.execute("insert into stock values ('A-1', 12.5), ('B-2', 3)");
    }
  }

  @BeforeEach
  void historyFile() {
    history = dir.resolve("state").resolve("history"); // the directory is created on first use
  }

  @AfterAll
  static void closeWarehouses() {
    DuckDbConnections.closeAll();
  }

  /** Types {@code keys} at the prompt on a fresh session in {@code format}; returns the screen. */
  private String type(String keys, ResultFormat format) throws Exception {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try (Connection c = DuckDbConnections.open(warehouse);
        Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB,
            new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen,
            StandardCharsets.UTF_8)) {
      new SqlPrompt(new SqlSession(c, format, 100, 48), terminal, history).run("hello");
    }
    return screen.toString(StandardCharsets.UTF_8);
  }

  @Test
  void givenMultiLineStatement_whenTyped_thenRunsOnlyAtTheSemicolon() throws Exception {
    String screen = type("select sku,\n  on_hand * 2 as doubled\n  from stock\n  order by sku;\n.quit\n",
        ResultFormat.table);

    assertThat(screen).startsWith("hello");
    assertThat(screen).contains("| sku | doubled |").contains("| A-1 |      25 |")
        .contains("| B-2 |       6 |").contains("(2 rows)");
    // the four lines were one input: one result, no error for a partial statement, and the prompt
    // shown twice, for the statement and for .quit (the dumb terminal draws no continuation prompt)
    assertThat(screen).doesNotContain("error");
    assertThat(screen.split(SqlPrompt.PROMPT, -1)).hasSize(3);
  }

  @Test
  void givenDotCommands_whenTyped_thenTablesAndSchemaWithComments() throws Exception {
    String screen = type(".tables\n.schema STOCK\n.help\n.quit\n", ResultFormat.table);

    assertThat(screen).containsPattern("\\| stock +\\| table +\\|")
        .containsPattern("\\| latest_recommendations +\\| view +\\|");
    assertThat(screen).containsPattern("\\| sku +\\| VARCHAR +\\| false +\\|")
        .containsPattern("\\| on_hand +\\| DOUBLE +\\| true +\\| units on hand +\\|");
    assertThat(screen).contains(".schema TABLE").contains(".quit, .exit");
  }

  @Test
  void givenAnErrorThenAGoodQuery_whenTyped_thenBothAnsweredAndThePromptStays() throws Exception {
    String screen = type("select * from no_such_table;\nselect count(*) as n from stock;\n"
        + ".nonsense\nselect 'still here' as s;\n", ResultFormat.table);

    assertThat(screen).contains("error: ").contains("no_such_table");
    assertThat(screen).contains("| n |").contains("| 2 |");
    assertThat(screen).contains("error: unknown command .nonsense");
    assertThat(screen).contains("still here"); // and Ctrl-D (end of input) leaves without a fuss
    assertThat(screen.indexOf("no_such_table")).isLessThan(screen.indexOf("| 2 |"));
  }

  @Test
  void givenQuit_whenTyped_thenLaterInputIsNotRun() throws Exception {
    String screen = type(".exit\nselect 'after' as late;\n", ResultFormat.table);

    assertThat(screen).doesNotContain("late");
  }

  @Test
  void givenCsvFormat_whenQueryAndNotEqualsOperator_thenCsvAndNoHistoryExpansion() throws Exception {
    String screen = type("select sku from stock where sku != 'A-1';\n.quit\n", ResultFormat.csv);

    assertThat(screen).contains("sku\r\nB-2\r\n");
  }

  @Test
  void givenStatementsTyped_whenPromptLeft_thenHistoryFileKeepsThemForTheNextSession()
      throws Exception {
    type("select 1 as one,\n  2 as two;\nselect 3;\n.quit\n", ResultFormat.table);

    assertThat(history).exists();
    String saved = Files.readString(history);
    assertThat(saved).contains("select 3;").contains("select 1 as one,");
    // a new reader on the same file loads both entries, the two-line one as one entry
    try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]),
        new ByteArrayOutputStream())) {
      LineReader reader = LineReaderBuilder.builder().terminal(terminal)
          .variable(LineReader.HISTORY_FILE, history).build();
      reader.getHistory().attach(reader);
      assertThat(reader.getHistory().size()).as(saved).isEqualTo(3);
      assertThat(reader.getHistory().get(0)).isEqualTo("select 1 as one,\n  2 as two;");
    }
  }
}
