package io.demandcast.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.pipelines.cli.SqlStatements.Split;
import io.demandcast.pipelines.cli.SqlStatements.Statement;
import org.junit.jupiter.api.Test;

/** Statement boundaries: semicolons end statements only outside strings, identifiers and comments. */
class SqlStatementsTest {

  @Test
  void givenTwoStatementsOnTwoLines_whenSplit_thenBothWithTheirLines() {
    Split split = SqlStatements.split("select 1;\nselect\n  2;\n");

    assertThat(split.statements())
        .containsExactly(new Statement("select 1", 1), new Statement("select\n  2", 2));
    assertThat(split.hasIncompleteStatement()).isFalse();
  }

  @Test
  void givenSemicolonsInsideQuotesAndComments_whenSplit_thenOneStatement() {
    String sql = "select 'a;b', 'it''s;', \"odd;name\", $$x;y$$, $t$;$t$ -- c;\n"
        + "/* block; \n comment */ from t;";

    Split split = SqlStatements.split(sql);

    assertThat(split.statements()).hasSize(1);
    assertThat(split.statements().get(0).sql()).startsWith("select 'a;b'").endsWith("from t");
  }

  @Test
  void givenTextAfterTheLastSemicolon_whenSplit_thenItIsTheIncompleteRestWithItsLine() {
    Split split = SqlStatements.split("select 1;\n-- note\n\nselect 2\n");

    assertThat(split.statements()).containsExactly(new Statement("select 1", 1));
    assertThat(split.hasIncompleteStatement()).isTrue();
    assertThat(split.restLine()).isEqualTo(4);
    assertThat(split.rest().strip()).isEqualTo("-- note\n\nselect 2");
  }

  @Test
  void givenOnlyCommentsAndEmptyStatements_whenSplit_thenNoStatement() {
    Split split = SqlStatements.split("-- a;\n;;\n/* b; */ ;  -- c");

    assertThat(split.statements()).isEmpty();
    assertThat(split.hasIncompleteStatement()).isFalse();
  }

  @Test
  void givenAnUnclosedQuote_whenSplit_thenTheSemicolonInsideIsNoEnd() {
    Split split = SqlStatements.split("select 'open; still open");

    assertThat(split.statements()).isEmpty();
    assertThat(split.hasIncompleteStatement()).isTrue();
  }

  @Test
  void givenAPositionalParameter_whenSplit_thenItIsNoDollarQuote() {
    Split split = SqlStatements.split("select $1; select 2;");

    assertThat(split.statements()).extracting(Statement::sql).containsExactly("select $1", "select 2");
  }

  @Test
  void givenAMultiLineStringBeforeTheStatement_whenSplit_thenLinesCountItsNewlines() {
    Split split = SqlStatements.split("select 'a\nb\nc';\nselect 2;");

    assertThat(split.statements()).extracting(Statement::line).containsExactly(1, 4);
  }
}
