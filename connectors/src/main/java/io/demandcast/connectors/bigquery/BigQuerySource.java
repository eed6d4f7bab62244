package io.demandcast.connectors.bigquery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableRow;
import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServicesImpl;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads a BigQuery table ({@code bigquery://<project>/<dataset>.<table>}) as rows of a canonical
 * schema, through Beam's {@link BigQueryIO#readTableRows()}.
 *
 * <p><b>Check before the pipeline runs:</b> applying the transform fetches the table's schema and
 * checks it with {@link BigQueryTableCheck#check} (every canonical column, through the column
 * mapping, exists in a compatible type); a missing table or a bad column throws {@link
 * IllegalArgumentException} naming the URI, the column, the expected and the found type.
 *
 * <p><b>Reading:</b> Beam's default export method: BigQuery exports the table as Avro files under
 * the pipeline's {@code --tempLocation} (a {@code gs://} path when running against BigQuery), and
 * the runner reads them in parallel. Each {@link TableRow} is converted to the canonical types
 * (INT64 to INT32 range-checked, NUMERIC to DOUBLE, TIMESTAMP to its UTC date-time, DATETIME as
 * is); a row with a value that does not convert (an INT64 outside the INT32 range, a FLOAT64 NaN or
 * infinity) goes, with the reason, to {@link UnreadableRecords#UNREADABLE}. NULLs stay NULL.
 *
 * <p><b>Credentials:</b> Google application-default credentials through Beam's GCP options
 * ({@code gcloud auth application-default login}, {@code GOOGLE_APPLICATION_CREDENTIALS}, or the
 * service account of the worker); {@code --project} is the project billed for the export. They are
 * never logged. Transient BigQuery faults are retried by Beam's BigQuery services.
 */
public final class BigQuerySource {
  private BigQuerySource() {}

  /**
   * Reads a BigQuery table as rows of a canonical schema.
   *
   * @param table the table
   * @param schema the canonical schema the rows take
   * @param mapping source column names of canonical columns; {@link ColumnMapping#IDENTITY} for none
   * @return a transform whose output has the rows under {@link UnreadableRecords#ROWS} (schema
   *     {@code schema.beamSchema()}) and the rows that could not be converted under {@link
   *     UnreadableRecords#UNREADABLE}; applying it checks the table, see the class comment
   */
  public static Read read(BigQueryTableName table, TableSchema schema, ColumnMapping mapping) {
    return new Read(table, schema, mapping, null);
  }

  /**
   * The check {@link #read} does when it is applied: fetches the table's schema once and checks it
   * with {@link BigQueryTableCheck#check}.
   *
   * @param services the BigQuery services to ask; null for Google's
   * @return canonical column name to BigQuery field name, as {@link BigQueryTableCheck#check}; empty
   *     when BigQuery has no such table and the table is read as one without rows: it has its
   *     canonical name and {@link CanonicalTables#mayBeAbsent(TableSchema)} allows it (a run
   *     without stock, orders, readings or shipments), as in a DuckDB warehouse
   * @throws IllegalArgumentException for another missing table or a column that does not fit
   * @throws IllegalStateException when BigQuery cannot be asked
   */
  public static Optional<Map<String, String>> check(
      BigQueryTableName table, TableSchema schema, ColumnMapping mapping,
      PipelineOptions pipelineOptions, BigQueryServices services) {
    Table found = fetch(table, pipelineOptions, services);
    if (found == null) {
      if (table.table().equalsIgnoreCase(schema.name()) && CanonicalTables.mayBeAbsent(schema)) {
        return Optional.empty();
      }
      throw new IllegalArgumentException(
          table + ": no such table, or the credentials may not see it; check the project,"
              + " dataset and table names");
    }
    return Optional.of(BigQueryTableCheck.check(
        table.toString(),
        found.getSchema() == null ? null : found.getSchema().getFields(),
        schema,
        mapping));
  }

  /** The table's metadata, or null when BigQuery has no such table. */
  private static Table fetch(BigQueryTableName table, PipelineOptions pipelineOptions,
      BigQueryServices services) {
    BigQueryOptions options = pipelineOptions.as(BigQueryOptions.class);
    BigQueryServices bq = services == null ? new BigQueryServicesImpl() : services;
    Table found;
    try (BigQueryServices.DatasetService datasets = bq.getDatasetService(options)) {
      found = datasets.getTable(table.reference());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(table + ": interrupted reading the table's schema", e);
    } catch (Exception e) {
      throw new IllegalStateException(
          table + ": cannot read the table's schema: " + e.getMessage()
              + " (the job uses Google application-default credentials: gcloud auth"
              + " application-default login, or GOOGLE_APPLICATION_CREDENTIALS)", e);
    }
    return found;
  }

  /** The transform of {@link #read}. */
  public static final class Read extends PTransform<PBegin, PCollectionRowTuple> {
    private final BigQueryTableName table;
    private final TableSchema schema;
    private final ColumnMapping mapping;
    private final BigQueryServices services;

    Read(BigQueryTableName table, TableSchema schema, ColumnMapping mapping,
        BigQueryServices services) {
      super("Read " + schema.name() + " from BigQuery");
      this.table = Objects.requireNonNull(table, "table");
      this.schema = Objects.requireNonNull(schema, "schema");
      this.mapping = mapping == null ? ColumnMapping.IDENTITY : mapping;
      this.services = services;
    }

    /**
     * For tests: the BigQuery services to use instead of Google's, e.g. Beam's in-memory {@code
     * FakeBigQueryServices}; they serve both the schema check and the read.
     */
    public Read withTestServices(BigQueryServices testServices) {
      return new Read(table, schema, mapping, Objects.requireNonNull(testServices, "testServices"));
    }

    @Override
    public PCollectionRowTuple expand(PBegin input) {
      Optional<Map<String, String>> checked =
          check(table, schema, mapping, input.getPipeline().getOptions(), services);
      if (checked.isEmpty()) {
        PCollection<Row> none = input.apply("Absent",
            Create.empty(RowCoder.of(schema.beamSchema()))).setRowSchema(schema.beamSchema());
        return UnreadableRecords.none(input, none);
      }
      Map<String, String> sources = checked.get();
      BigQueryIO.TypedRead<TableRow> read =
          BigQueryIO.readTableRows().from(table.reference()).withoutValidation();
      if (services != null) {
        read = read.withTestServices(services);
      }
      PCollectionTuple converted =
          input
              .apply("Export", read)
              .apply(
                  "Convert",
                  ParDo.of(new ConvertFn(table.toString(), schema, sources))
                      .withOutputTags(ConvertFn.ROWS, TupleTagList.of(ConvertFn.UNREADABLE)));
      return PCollectionRowTuple.of(
              UnreadableRecords.ROWS,
              converted.get(ConvertFn.ROWS).setRowSchema(schema.beamSchema()))
          .and(
              UnreadableRecords.UNREADABLE,
              converted.get(ConvertFn.UNREADABLE).setRowSchema(UnreadableRecords.SCHEMA));
    }
  }

  /** Converts one {@link TableRow} to a canonical row, or to an unreadable record. */
  static final class ConvertFn extends DoFn<TableRow, Row> {
    static final TupleTag<Row> ROWS = new TupleTag<>("rows") {};
    static final TupleTag<Row> UNREADABLE = new TupleTag<>("unreadable") {};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINEAGE = "lineage";

    private final String uri;
    private final TableSchema schema;
    private final Map<String, String> sources;

    ConvertFn(String uri, TableSchema schema, Map<String, String> sources) {
      this.uri = uri;
      this.schema = schema;
      this.sources = new LinkedHashMap<>(sources);
    }

    @ProcessElement
    public void process(@Element TableRow tableRow, MultiOutputReceiver out) {
      List<Object> values = new ArrayList<>(schema.columns().size());
      List<String> reasons = new ArrayList<>();
      for (Column column : schema.columns()) {
        String field = sources.get(column.name());
        Object raw = field == null ? null : tableRow.get(field);
        if (raw == null) {
          values.add(field == null && column.name().equals(LINEAGE) ? uri : null);
          continue;
        }
        try {
          values.add(BigQueryValues.convert(raw, column.type()));
        } catch (BigQueryValues.Unconvertible e) {
          values.add(null);
          reasons.add("column " + field
              + (field.equals(column.name()) ? "" : " (" + schema.name() + "." + column.name() + ")")
              + ": " + e.getMessage());
        }
      }
      if (reasons.isEmpty()) {
        out.get(ROWS).output(Row.withSchema(schema.beamSchema()).addValues(values).build());
      } else {
        out.get(UNREADABLE)
            .output(UnreadableRecords.row(
                schema.name() + " (" + uri + ")", payload(tableRow), String.join("; ", reasons)));
      }
    }

    private static String payload(TableRow row) {
      try {
        return JSON.writeValueAsString(new LinkedHashMap<>(row));
      } catch (JsonProcessingException e) {
        return String.valueOf(row);
      }
    }
  }
}
