package io.demandcast.connectors.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.duckdb.DuckDbConnections.Access;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only accesses of {@link DuckDbConnections} on DuckDB's own settings. */
class DuckDbConnectionsTest {
  @TempDir Path dir;
  private Path file;
  private Path outside;

  @BeforeEach
  void createDatabase() throws Exception {
    file = dir.resolve("w.duckdb");
    outside = Files.writeString(dir.resolve("outside.csv"), "a,b\n1,2\n");
    try (Connection c = DuckDbConnections.open(file); Statement s = c.createStatement()) {
      s.execute("create table t as select 1 as x");
    }
    DuckDbConnections.closeAll();
  }

  @AfterEach
  void close() {
    DuckDbConnections.closeAll();
  }

  @Test
  void givenReadOnlyNoFiles_whenWritesFileAccessOrSettings_thenDuckDbRefusesEachAndReadsWork()
      throws Exception {
    byte[] before = Files.readAllBytes(file);
    Path copy = dir.resolve("copy.csv");
    try (Connection c = DuckDbConnections.open(file, Access.READ_ONLY_NO_FILES)) {
      assertThat(count(c, "select count(*) from t")).isEqualTo(1);
      assertRefused(c, "drop table t", "read-only");
      assertRefused(c, "delete from t", "read-only");
      assertRefused(c, "create table u (x int)", "read-only");
      assertRefused(c, "select * from read_csv('" + outside + "')", "disabled");
      assertRefused(c, "copy t to '" + copy + "'", "disabled");
      assertRefused(c, "attach '" + dir.resolve("other.duckdb") + "' as o", "disabled");
      // the configuration is locked: file access cannot be turned back on
      assertRefused(c, "set enable_external_access = true", "locked");
      assertRefused(c, "reset lock_configuration", "locked");
      assertRefused(c, "set lock_configuration = false", "locked");
      assertRefused(c, "select * from read_csv('" + outside + "')", "disabled");
    }
    // a second connection of the same root is no less restricted
    try (Connection c = DuckDbConnections.open(file, Access.READ_ONLY_NO_FILES)) {
      assertRefused(c, "copy t to '" + copy + "'", "disabled");
    }
    DuckDbConnections.closeAll();
    assertThat(copy).doesNotExist();
    assertThat(dir.resolve("other.duckdb")).doesNotExist();
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void givenReadOnly_whenCopyTo_thenFileWrittenButDatabaseNotWritable() throws Exception {
    Path copy = dir.resolve("copy.csv");
    try (Connection c = DuckDbConnections.open(file, Access.READ_ONLY);
        Statement s = c.createStatement()) {
      s.execute("copy t to '" + copy + "' (header true)");
      assertRefused(c, "insert into t values (2)", "read-only");
    }
    assertThat(copy).hasContent("x\n1");
  }

  @Test
  void givenFileOpenInOneAccess_whenOpenedInAnother_thenRefusedNamingBoth() throws Exception {
    try (Connection rw = DuckDbConnections.open(file)) {
      assertThatThrownBy(() -> DuckDbConnections.open(file, Access.READ_ONLY_NO_FILES))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("read-only without file access")
          .hasMessageContaining("open read-write");
    }
    DuckDbConnections.close(file);
    try (Connection ro = DuckDbConnections.open(file, Access.READ_ONLY_NO_FILES)) {
      assertThatThrownBy(() -> DuckDbConnections.open(file))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("open read-only without file access");
      assertThatThrownBy(() -> DuckDbConnections.open(file, Access.READ_ONLY))
          .isInstanceOf(IllegalStateException.class);
    }
    DuckDbConnections.close(file);
    try (Connection rw = DuckDbConnections.open(file); Statement s = rw.createStatement()) {
      s.execute("insert into t values (2)");
    }
  }

  @Test
  void givenMissingFile_whenOpenedReadOnly_thenRefusedAndNothingCreated() {
    Path missing = dir.resolve("sub").resolve("missing.duckdb");

    assertThatThrownBy(() -> DuckDbConnections.open(missing, Access.READ_ONLY_NO_FILES))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(missing.toString());
    assertThat(dir.resolve("sub")).doesNotExist();
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void assertRefused(Connection c, String sql, String because) {
    assertThatThrownBy(() -> {
      try (Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }).as(sql).isInstanceOf(SQLException.class).hasMessageContaining(because);
  }
}
