package io.demandcast.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.ColumnType;
import io.demandcast.connectors.testing.ParquetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ParquetObjects} on local files, without a pipeline: which Parquet column types each
 * canonical type reads, and row numbers across row groups (too many rows for the DirectRunner to
 * check quickly, see {@link S3ParquetSourceTest}).
 */
class ParquetObjectsTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} from {1}: {2}")
  @CsvSource(delimiter = '|', value = {
    "STRING    | VARCHAR                  | true",
    "STRING    | UUID                     | true",
    "STRING    | INTEGER                  | false",
    "STRING    | BLOB                     | false",
    "INT32     | TINYINT                  | true",
    "INT32     | BIGINT                   | true",
    "INT32     | UINTEGER                 | true",
    "INT32     | DECIMAL(9,0)             | true",
    "INT32     | DECIMAL(10,2)            | false",
    "INT32     | DOUBLE                   | false",
    "INT64     | UBIGINT                  | true",
    "INT64     | HUGEINT                  | true",
    "INT64     | VARCHAR                  | false",
    "DOUBLE    | DOUBLE                   | true",
    "DOUBLE    | FLOAT                    | true",
    "DOUBLE    | DECIMAL(38,10)           | true",
    "DOUBLE    | SMALLINT                 | true",
    "DOUBLE    | VARCHAR                  | false",
    "BOOLEAN   | BOOLEAN                  | true",
    "BOOLEAN   | INTEGER                  | false",
    "DATE      | DATE                     | true",
    "DATE      | TIMESTAMP                | true",
    "DATE      | TIMESTAMP WITH TIME ZONE | true",
    "DATE      | VARCHAR                  | false",
    "TIMESTAMP | TIMESTAMP                | true",
    "TIMESTAMP | TIMESTAMP_NS             | true",
    "TIMESTAMP | TIMESTAMP_MS             | true",
    "TIMESTAMP | TIMESTAMP WITH TIME ZONE | true",
    "TIMESTAMP | DATE                     | true",
    "TIMESTAMP | VARCHAR                  | false",
    "STRING    | VARCHAR[]                | false",
    "DOUBLE    | STRUCT(a DOUBLE)         | false",
  })
  void givenParquetColumnType_whenAccepted_thenAsTheClassCommentsTable(
      ColumnType canonical, String duckDbType, boolean accepted) {
    assertThat(ParquetObjects.accepts(canonical, duckDbType)).isEqualTo(accepted);
  }

  @Test
  void givenFileWithSeveralRowGroups_whenRead_thenEveryRowCarriesItsOwnRowNumber()
      throws Exception {
    Path file = dir.resolve("readings.parquet");
    Files.write(file, ParquetFiles.write(dir,
        "SELECT 'x' AS s, i::INTEGER AS i32, i + 1 AS i64, i * 0.5 AS d, i % 2 = 0 AS b,"
            + " DATE '2024-01-01' + i::INTEGER AS day,"
            + " TIMESTAMP '2024-01-01' + INTERVAL (i) SECOND AS ts"
            + " FROM range(5000) t(i)",
        "ROW_GROUP_SIZE 2048"));
    String uri = "s3://b/many/readings.parquet";
    List<Row> rows = new ArrayList<>();
    long read;
    try (Connection duckDb = ParquetObjects.openDuckDb()) {
      try (Statement s = duckDb.createStatement();
          ResultSet r = s.executeQuery("SELECT count(DISTINCT row_group_id) FROM parquet_metadata('"
              + file + "')")) {
        r.next();
        assertThat(r.getLong(1)).as("row groups").isEqualTo(3);
      }
      ParquetObjects.Columns columns = ParquetObjects.resolve(uri,
          ParquetObjects.describe(duckDb, file, uri), S3ParquetSourceTest.ALL_TYPES,
          ColumnMapping.IDENTITY);
      read = ParquetObjects.read(duckDb, file, uri, S3ParquetSourceTest.ALL_TYPES,
          ColumnMapping.IDENTITY, columns, new ParquetObjects.Sink() {
            @Override
            public void row(Row row) {
              rows.add(row);
            }

            @Override
            public void unreadable(String payload, String reason) {
              throw new AssertionError(reason);
            }
          });
    }

    assertThat(read).isEqualTo(5000);
    assertThat(rows).hasSize(5000);
    // i64 is the row number from 1 (plain comparisons: 5000 AssertJ assertions take seconds)
    List<String> wrong = rows.stream()
        .filter(row -> !row.getString("lineage").equals(uri + " row " + row.getInt64("i64"))
            || row.getInt32("i32") != row.getInt64("i64") - 1)
        .map(Row::toString)
        .toList();
    assertThat(wrong).isEmpty();
  }

  @Test
  void givenFileThatIsNoParquet_whenDescribed_thenErrorNamesTheObjectNotTheLocalCopy()
      throws Exception {
    Path file = dir.resolve("copy.parquet");
    Files.writeString(file, "sku,location\nA,B\n");

    try (Connection duckDb = ParquetObjects.openDuckDb()) {
      assertThatThrownBy(() -> ParquetObjects.describe(duckDb, file, "s3://b/sales.parquet"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("s3://b/sales.parquet: cannot read its Parquet schema: ")
          .hasMessageContaining("s3://b/sales.parquet")
          .hasMessageNotContaining(file.toString());
    }
  }
}
