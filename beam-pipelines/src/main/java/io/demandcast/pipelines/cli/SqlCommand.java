package io.demandcast.pipelines.cli;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import com.github.freva.asciitable.OverflowBehaviour;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code demandcast sql "<query>"}: runs SQL against the warehouse and prints a table. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Run one SQL statement against the warehouse and print the result as a table.",
      "%nDuckDB dialect. Views for analysts: latest_run, latest_forecasts, latest_accuracy,"
          + " latest_recommendations, latest_rejected_records, forecast_accuracy_by_model."
    },
    footer = {
      "",
      "Examples:",
      "  ./demandcast sql \"select * from latest_recommendations limit 5\"",
      "  ./demandcast sql \"select source, reason, count(*) from latest_rejected_records group by all\""
    })
final class SqlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL statement.")
  String query;

  @Option(
      names = "--warehouse",
      paramLabel = "FILE",
      defaultValue = "demandcast.duckdb",
      description = "DuckDB warehouse file. Default: ${DEFAULT-VALUE}")
  Path warehouse;

  @Option(
      names = "--max-rows",
      paramLabel = "N",
      defaultValue = "100",
      description = "Rows printed at most. Default: ${DEFAULT-VALUE}")
  int maxRows;

  @Option(
      names = "--max-width",
      paramLabel = "CHARS",
      defaultValue = "48",
      description = "Characters shown per cell at most; longer values end in an ellipsis. "
          + "Default: ${DEFAULT-VALUE}")
  int maxWidth;

  @Override
  public Integer call() throws SQLException {
    if (!Files.exists(warehouse)) {
      throw new IllegalArgumentException(
          "no warehouse at " + warehouse.toAbsolutePath().normalize()
              + "; run ./demandcast demo first, or pass --warehouse=FILE");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Connection connection = DuckDbWarehouse.open(warehouse).connect();
        Statement statement = connection.createStatement()) {
      if (!statement.execute(query)) {
        out.printf("ok (%d rows changed)%n", statement.getUpdateCount());
        return 0;
      }
      try (ResultSet rs = statement.getResultSet()) {
        ResultSetMetaData meta = rs.getMetaData();
        Column[] header = new Column[meta.getColumnCount()];
        for (int i = 0; i < header.length; i++) {
          boolean numeric = isNumeric(meta.getColumnType(i + 1));
          header[i] =
              new Column()
                  .header(meta.getColumnLabel(i + 1))
                  .headerAlign(HorizontalAlign.LEFT)
                  .dataAlign(numeric ? HorizontalAlign.RIGHT : HorizontalAlign.LEFT)
                  .maxWidth(maxWidth, OverflowBehaviour.ELLIPSIS_RIGHT);
        }
        List<Object[]> rows = new ArrayList<>();
        int total = 0;
        while (rs.next()) {
          total++;
          if (rows.size() < maxRows) {
            Object[] row = new Object[header.length];
            for (int i = 0; i < header.length; i++) {
              row[i] = format(rs.getObject(i + 1));
            }
            rows.add(row);
          }
        }
        out.println(AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, header,
            rows.toArray(Object[][]::new)));
        if (total > rows.size()) {
          out.printf("(%,d rows, %,d shown; --max-rows to see more)%n", total, rows.size());
        } else {
          out.printf(total == 1 ? "(1 row)%n" : "(%,d rows)%n", total);
        }
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException("the query failed: " + e.getMessage(), e);
    }
    return 0;
  }

  private static boolean isNumeric(int sqlType) {
    return switch (sqlType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.FLOAT, Types.REAL,
          Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> true;
      default -> false;
    };
  }

  /** Doubles to at most 4 decimals, NULL as "NULL", the rest as text. */
  static String format(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        return String.valueOf(d);
      }
      return BigDecimal.valueOf(d).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toLocalDateTime().toString().replace('T', ' ');
    }
    return value.toString();
  }
}
