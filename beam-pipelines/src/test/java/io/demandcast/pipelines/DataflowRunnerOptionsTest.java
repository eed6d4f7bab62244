package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.pipelines.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.beam.runners.dataflow.DataflowRunner;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --runner=DataflowRunner} through the job's own option parsing and {@code run}'s argument
 * handling, offline; nothing here reaches {@code pipeline.run()} (which would stage the jar to GCS).
 * Each lookup Beam 2.70 would otherwise make is given its value instead (see {@link #OFFLINE}):
 *
 * <ul>
 *   <li>{@code --gcpTempLocation}: its default ({@code GcpOptions.GcpTempLocationFactory}) copies
 *       {@code --tempLocation} but first reads the bucket's soft-delete policy from
 *       storage.googleapis.com, retried with backoff: minutes per test without a network. The
 *       tests that check a bad {@code --tempLocation} leave it out: Beam's path check fails first.
 *   <li>{@code --pathValidatorClass=NoopPathValidator}: Beam's default asks GCS whether the bucket
 *       is writable.
 *   <li>{@code --credentialFactoryClass=NoopCredentialFactory}: no application-default credentials
 *       (which would ask the GCE metadata server on a machine without them).
 *   <li>{@code --awsRegion}: every runner's {@code FileSystems.setDefaultPipelineOptions} sets up
 *       Beam's S3 filesystem, whose region default asks the AWS SDK's chain, ending with EC2
 *       instance metadata at 169.254.169.254.
 *   <li>{@code --project} and {@code --region} (else gcloud's configuration under {@code user.home}
 *       and a {@code gcloud config get-value compute/region} process). Without {@code --project} the
 *       gcloud configuration is hidden by pointing {@code user.home} at an empty folder.
 * </ul>
 */
// generous for a loaded machine (each test takes seconds here); a network lookup retried with
// backoff would take minutes
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DataflowRunnerOptionsTest {
  /** Beam's offline stand-ins for the GCS bucket check and the credentials, and an AWS region. */
  static final List<String> OFFLINE = List.of(
      "--pathValidatorClass=org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator",
      "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
      "--awsRegion=eu-west-1");

  @TempDir Path dir;
  private final String userHome = System.getProperty("user.home");

  @AfterEach
  void restoreUserHome() {
    System.setProperty("user.home", userHome);
    DuckDbConnections.closeAll();
  }

  /** {@code args}, then {@link #OFFLINE}. */
  private static List<String> offline(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(OFFLINE);
    return all;
  }

  @Test
  void givenDataflowRunnerProjectRegionTempLocation_whenTheJobParsesThem_thenTheRunnerIsDataflow() {
    PipelineOptions options = BeamOptions.pipelineOptions(List.of(
        "--runner=DataflowRunner", "--project=acme-demand", "--region=europe-west1",
        "--tempLocation=gs://acme-tmp/demandcast", "--workerMachineType=n2-standard-4",
        "--maxNumWorkers=8", "--usePublicIps=false"));
    assertThat(options.getRunner()).isEqualTo(DataflowRunner.class);
    DataflowPipelineOptions dataflow = options.as(DataflowPipelineOptions.class);
    assertThat(dataflow.getProject()).isEqualTo("acme-demand");
    assertThat(dataflow.getRegion()).isEqualTo("europe-west1");
    assertThat(dataflow.getTempLocation()).isEqualTo("gs://acme-tmp/demandcast");
    assertThat(dataflow.getWorkerMachineType()).isEqualTo("n2-standard-4");
    assertThat(dataflow.getMaxNumWorkers()).isEqualTo(8);
    assertThat(dataflow.getUsePublicIps()).isFalse();
    assertThat(dataflow.getJobName()).isEqualTo("demandcast");
  }

  @Test
  void givenValidDataflowOptions_whenTheRunnerIsCreated_thenItIsADataflowRunnerStagingUnderTemp() {
    PipelineOptions options = BeamOptions.pipelineOptions(offline(
        "--runner=DataflowRunner", "--project=acme-demand", "--region=europe-west1",
        "--tempLocation=gs://acme-tmp/demandcast", "--gcpTempLocation=gs://acme-tmp/demandcast"));
    // what Pipeline.create (in DemandcastJob.run, before the run is recorded) does first
    assertThat(PipelineRunner.fromOptions(options)).isInstanceOf(DataflowRunner.class);
    DataflowPipelineOptions dataflow = options.as(DataflowPipelineOptions.class);
    // Beam's default staging location, under the temp location
    assertThat(dataflow.getStagingLocation()).isEqualTo("gs://acme-tmp/demandcast/staging/");
    // the runner found the class path to stage (the job's classes among it)
    assertThat(dataflow.getFilesToStage()).isNotEmpty();
  }

  @Test
  void givenAProjectNumberInsteadOfItsId_whenTheRunnerIsCreated_thenTheErrorNamesTheProject() {
    PipelineOptions options = BeamOptions.pipelineOptions(offline(
        "--runner=DataflowRunner", "--project=123456", "--region=europe-west1",
        "--tempLocation=gs://acme-tmp/t", "--gcpTempLocation=gs://acme-tmp/t"));
    assertThatThrownBy(() -> PipelineRunner.fromOptions(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Project ID '123456' invalid")
        .hasMessageContaining("not project number");
  }

  @Test
  void givenDataflowWorkerOptions_whenRunIsCalled_thenEachIsAcceptedAndTheRunnerChecksRunFirst()
      throws Exception {
    Path warehouse = dir.resolve("w.duckdb");
    // every option parses (an unknown one fails first, see below); the project number then stops
    // the job inside DataflowRunner.fromOptions, offline and before anything is recorded
    CliRun.Outcome outcome = CliRun.execute(offline(
        "run", "--warehouse", warehouse.toString(), "--reports", dir.resolve("r").toString(),
        "--runner=DataflowRunner", "--project=123456", "--region=europe-west1",
        "--tempLocation=gs://acme-tmp/demandcast", "--gcpTempLocation=gs://acme-tmp/demandcast",
        "--stagingLocation=gs://acme-tmp/staging",
        "--serviceAccount=demandcast-job@acme-demand.iam.gserviceaccount.com",
        "--workerMachineType=n2-standard-4", "--maxNumWorkers=8", "--numWorkers=2",
        "--diskSizeGb=50", "--autoscalingAlgorithm=THROUGHPUT_BASED", "--usePublicIps=false",
        "--subnetwork=regions/europe-west1/subnetworks/default",
        "--labels={\"team\":\"planning\"}", "--experiments=use_runner_v2"));
    assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
    assertThat(outcome.errFirstLine()).contains("Project ID '123456' invalid");
    assertThat(runsRecorded(warehouse)).isZero();

    CliRun.Outcome misspelt = CliRun.execute(offline(
        "run", "--warehouse", warehouse.toString(), "--runner=DataflowRunner",
        "--project=acme-demand", "--region=europe-west1", "--tempLocation=gs://acme-tmp/t",
        "--gcpTempLocation=gs://acme-tmp/t", "--maxWorkers=8"));
    assertThat(misspelt.exitCode()).isNotZero();
    assertThat(misspelt.errFirstLine()).contains("maxWorkers");
    assertThat(runsRecorded(warehouse)).isZero();
  }

  @Test
  void givenALocalTempLocation_whenRun_thenItFailsBeforeRecordingARunNamingTempLocation()
      throws Exception {
    Path warehouse = dir.resolve("w.duckdb");
    // Beam's own path validator: its gs:// format check fails before it would ask GCS about the
    // bucket, and before the soft-delete lookup of gcpTempLocation's default
    CliRun.Outcome outcome = CliRun.execute(List.of(
        "run", "--warehouse", warehouse.toString(), "--reports", dir.resolve("r").toString(),
        "--runner=DataflowRunner", "--project=acme-demand", "--region=europe-west1",
        "--tempLocation=" + dir.resolve("tmp"),
        "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
        "--awsRegion=eu-west-1"));
    assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
    assertThat(outcome.errFirstLine())
        .contains("tempLocation is not a valid GCS path, " + dir.resolve("tmp"))
        .contains("Expected a valid 'gs://' path");
    assertThat(runsRecorded(warehouse)).isZero();
  }

  @Test
  void givenNoProjectAndNoGcloudDefault_whenRun_thenItFailsBeforeRecordingARunNamingProject()
      throws Exception {
    assumeTrue(System.getenv("CLOUDSDK_CONFIG") == null,
        "CLOUDSDK_CONFIG names a gcloud configuration whose project would be the default");
    System.setProperty("user.home", Files.createDirectory(dir.resolve("home")).toString());
    Path warehouse = dir.resolve("w.duckdb");
    CliRun.Outcome outcome = CliRun.execute(offline(
        "run", "--warehouse", warehouse.toString(), "--reports", dir.resolve("r").toString(),
        "--runner=DataflowRunner", "--region=europe-west1", "--tempLocation=gs://acme-tmp/t",
        "--gcpTempLocation=gs://acme-tmp/t"));
    assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
    // Beam names the getter, not the flag: "Missing required value for [... getProject(), ...]"
    assertThat(outcome.errFirstLine()).contains("Missing required value").contains("getProject()");
    assertThat(runsRecorded(warehouse)).isZero();
  }

  /** Rows of model_runs, 0 when the warehouse or the table is missing. */
  static long runsRecorded(Path warehouse) throws Exception {
    if (!Files.exists(warehouse)) {
      return 0;
    }
    try (Connection c = DuckDbConnections.open(warehouse);
        ResultSet tables = c.createStatement().executeQuery(
            "select count(*) from information_schema.tables where table_name = 'model_runs'")) {
      tables.next();
      if (tables.getLong(1) == 0) {
        return 0;
      }
      try (ResultSet rs = c.createStatement().executeQuery("select count(*) from model_runs")) {
        rs.next();
        return rs.getLong(1);
      }
    } finally {
      DuckDbConnections.closeAll();
    }
  }
}
