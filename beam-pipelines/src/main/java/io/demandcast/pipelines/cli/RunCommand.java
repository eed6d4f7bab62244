package io.demandcast.pipelines.cli;

import io.demandcast.connectors.s3.PathStyleS3ClientBuilderFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code demandcast run}: the job on the warehouse's own source tables, or on tables by URI. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the job on the warehouse's source tables (or on tables given by URI).",
      "%nReads erp_sales, erp_items, erp_inventory, erp_purchase_orders, iot_readings and"
          + " logistics_shipments, validates every record, forecasts each SKU x location, recommends"
          + " orders, and publishes demand_forecasts, forecast_explanations, forecast_accuracy,"
          + " inventory_recommendations, rejected_records and model_runs in the warehouse under a"
          + " new run id. Beam pipeline"
          + " options (--runner=DirectRunner, ...) are passed on as --name=value.",
      "%nSources may sit in different systems: a DuckDB table (duckdb:<file>#<table>) or CSV"
          + " (with a header row), JSON-lines or Parquet objects in S3"
          + " (s3://<bucket>/<prefix>?format=csv|jsonl|parquet: the object <prefix>, or every object under"
          + " <prefix>/). S3 is reached with the AWS default credentials chain and Beam's AWS"
          + " options: --awsRegion=eu-west-1, --endpoint=http://host:port for an S3-compatible"
          + " store, --s3ClientFactoryClass=" + PathStyleS3ClientBuilderFactory.NAME
          + " for path-style addressing, --awsCredentialsProvider=<json>."
          + " S3 values that do not convert to their column's type go to rejected_records.",
      "%nA table of the AWS Glue Data Catalog (glue://<database>.<table>) is looked up with"
          + " GetTable and its files are read from S3 as above: CSV (comma-separated, with a"
          + " header row: skip.header.line.count=1) or JSON lines; its columns are checked against"
          + " the canonical table before the run. Glue uses --awsRegion and"
          + " --awsCredentialsProvider too, and --glueEndpoint=<url> (not --endpoint, which is"
          + " S3's) and --glueCatalogId=<account id> when needed.",
      "%nA BigQuery table (bigquery://<project>/<dataset>.<table>) is read with BigQueryIO's"
          + " export (Google application-default credentials; --project, and a gs:// --tempLocation"
          + " for the export files). A Hive table (hive://<host>:<port>/<database>.<table>) is read"
          + " through HiveServer2 with the Hive JDBC driver; --hiveJdbcProperties=<file> gives the"
          + " user, password and other JDBC session settings, and --hiveReadSplits=<n> (default 4)"
          + " how many parallel queries read each table.",
      "%n--output=hive://<host>:<port>/<database> or --output=bigquery://<project>/<dataset>"
          + " publishes the outputs there instead of --warehouse (tables and views created when"
          + " missing, a re-run replaces its run's rows, nothing visible in the latest_* views"
          + " until the run is complete), and reads the sources not given by --source from there"
          + " too. The planner report is written for DuckDB warehouses only."
    },
    footer = {
      "",
      "Examples:",
      "  ./demandcast run --warehouse=erp.duckdb --horizon=6 --service-level=0.98",
      "  ./demandcast run --source erp_sales=duckdb:other.duckdb#sales_history \\",
      "      --map erp_sales.sku=item_code --map erp_sales.date=sale_day",
      "  ./demandcast run --source erp_sales=duckdb:other.duckdb#sales_history \\",
      "      --mapping map.json",
      "  with map.json: {\"erp_sales\": {\"sku\": \"item_code\", \"date\": \"sale_day\"}}",
      "  ./demandcast run --source erp_sales=s3://acme-erp/exports/sales?format=csv \\",
      "      --source iot_readings=s3://acme-iot/readings/2024/?format=jsonl --awsRegion=eu-west-1",
      "  ./demandcast run --source logistics_shipments=glue://lake.shipments --awsRegion=eu-west-1",
      "  ./demandcast run --output hive://hive.example.com:10000/demandcast \\",
      "      --hiveJdbcProperties=hive.properties",
      "  ./demandcast run --output bigquery://acme-prod/demandcast \\",
      "      --tempLocation=gs://acme-tmp/demandcast"
    })
final class RunCommand implements Callable<Integer> {
  @CommandLine.ParentCommand DemandcastCli parent;

  @Spec CommandSpec spec;
  @Mixin JobOptions options;

  /** Beam pipeline options, --name=value; checked by {@link JobOptions#beamArgs}. */
  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Mixin SourceOptions sourceOptions;

  @Option(
      names = "--output",
      paramLabel = "URI",
      description = "Warehouse the outputs are published to instead of --warehouse: "
          + "hive://HOST:PORT/DATABASE (HiveServer2) or bigquery://PROJECT/DATASET (needs a gs:// "
          + "--tempLocation). Sources not given by --source are then read from there. "
          + "Default: --warehouse.")
  String output;

  @Override
  public Integer call() {
    return JobCommand.execute(options, beamArgs, sourceOptions.uris(JobCommand.connectors(parent)), sourceOptions.mapping(),
        false, output, JobCommand.connectors(parent), spec.commandLine().getOut());
  }
}
