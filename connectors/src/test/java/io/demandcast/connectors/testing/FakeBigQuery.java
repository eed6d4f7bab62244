package io.demandcast.connectors.testing;

import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import java.util.List;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;

/**
 * Beam's in-memory stand-in for BigQuery ({@code FakeBigQueryServices}; no local BigQuery server
 * exists), set up the way the BigQuery tests use it: fresh fake storage, a dataset service holding
 * the tables and a job service that runs BigQueryIO's export and load jobs against it.
 */
public final class FakeBigQuery {
  private final FakeDatasetService datasets;
  private final FakeBigQueryServices services;

  private FakeBigQuery(FakeDatasetService datasets, FakeBigQueryServices services) {
    this.datasets = datasets;
    this.services = services;
  }

  /**
   * Empties the fakes' static storage and creates the datasets {@code project.dataset}.
   *
   * @throws Exception when the fake refuses a dataset
   */
  public static FakeBigQuery start(String project, String... datasetIds) throws Exception {
    FakeDatasetService.setUp();
    FakeJobService.setUp();
    FakeDatasetService datasets = new FakeDatasetService();
    for (String dataset : datasetIds) {
      datasets.createDataset(project, dataset, "", "", null);
    }
    return new FakeBigQuery(datasets, new FakeBigQueryServices()
        .withDatasetService(datasets)
        .withJobService(new FakeJobService()));
  }

  /** The dataset service, to create and read tables. */
  public FakeDatasetService datasets() {
    return datasets;
  }

  /** The services BigQueryIO takes through {@code withTestServices}. */
  public FakeBigQueryServices services() {
    return services;
  }

  /** A NULLABLE column of a BigQuery type, e.g. {@code field("sku", "STRING")}. */
  public static TableFieldSchema field(String name, String type) {
    return new TableFieldSchema().setName(name).setType(type).setMode("NULLABLE");
  }

  /** Creates a table with {@code fields} and, when there are any, {@code rows}. */
  public void table(TableReference ref, List<TableFieldSchema> fields, List<TableRow> rows)
      throws Exception {
    datasets.createTable(new Table().setTableReference(ref)
        .setSchema(new com.google.api.services.bigquery.model.TableSchema().setFields(fields)));
    if (!rows.isEmpty()) {
      datasets.insertAll(ref, rows, null);
    }
  }
}
