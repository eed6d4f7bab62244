package io.demandcast.connectors.hive;

import io.demandcast.connectors.OutputWarehouse;
import io.demandcast.connectors.SourceConnector;
import io.demandcast.connectors.TableCheck;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionRowTuple;

/**
 * {@code hive://<host>:<port>/<database>.<table>}: a Hive table read through HiveServer2 by {@link
 * HiveSource} (no record is unreadable: Hive's types hold the canonical values); a Hive database
 * {@code hive://<host>:<port>/<database>} can hold a run's outputs ({@link HiveWarehouse}).
 * Connections as {@link HiveJdbc} says ({@code --hiveJdbcProperties}).
 */
public final class HiveConnector implements SourceConnector {
  @Override
  public String scheme() {
    return HiveTableName.SCHEME;
  }

  @Override
  public PTransform<PBegin, PCollectionRowTuple> read(
      TableUri uri, TableSchema table, ColumnMapping mapping) {
    return UnreadableRecords.noneFrom("Read " + table.name() + " from Hive",
        HiveSource.read(uri.hive(), table, mapping));
  }

  /** {@link HiveTableCheck#inspect}, as the read does: the first problem is thrown. */
  @Override
  public TableCheck check(
      TableUri uri, TableSchema table, ColumnMapping mapping, PipelineOptions options) {
    HiveSource.splits(options);
    try (Connection connection = HiveJdbc.of(uri.hive(), options).connect()) {
      HiveTableCheck.Inspection inspection =
          HiveTableCheck.inspect(connection, uri.hive(), table, mapping);
      if (inspection.absent()) {
        return TableCheck.missing("no table " + uri.hive(), true);
      }
      return TableCheck.fits(List.copyOf(inspection.found().keySet()), OptionalLong.empty());
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot check Hive table " + uri.hive() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<String> warehouseForm() {
    return Optional.of("hive://<host>:<port>/<database>");
  }

  @Override
  public OutputWarehouse openWarehouse(String base, PipelineOptions options) {
    return new HiveWarehouse(HiveJdbc.of(HiveTableName.parseDatabase(base), options));
  }

  @Override
  public TableUri tableIn(String base, String table) {
    return TableUri.hive(HiveTableName.parseDatabase(base).withTable(table));
  }
}
