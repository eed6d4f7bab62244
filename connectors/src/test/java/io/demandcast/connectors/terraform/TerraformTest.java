package io.demandcast.connectors.terraform;

import static io.demandcast.connectors.terraform.TerraformModule.blocks;
import static io.demandcast.connectors.terraform.TerraformModule.list;
import static io.demandcast.connectors.terraform.TerraformModule.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the Terraform in {@code terraform/} (found from the module folder as {@code
 * ../terraform}) without Terraform or a cloud account: hcl4j parses every {@code .tf} file and
 * {@link TerraformChecks} compares the BigQuery and Glue tables with {@link CanonicalTables} and
 * checks buckets and IAM. The negative tests feed the checks broken configurations, most of them
 * the committed files with one thing changed, to show that each check can fail.
 */
class TerraformTest {

  static final Path TERRAFORM = Path.of("..", "terraform");
  static final Path GCP = TERRAFORM.resolve("gcp");
  static final Path AWS = TERRAFORM.resolve("aws");

  /** Every folder under terraform/ that holds .tf files (Terraform's own .terraform excluded). */
  static List<Path> modules() throws IOException {
    try (Stream<Path> walk = Files.walk(TERRAFORM)) {
      return walk.filter(Files::isDirectory)
          .filter(d -> !d.toString().contains(".terraform"))
          .filter(TerraformTest::holdsTf)
          .sorted()
          .toList();
    }
  }

  private static boolean holdsTf(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.anyMatch(p -> p.getFileName().toString().endsWith(".tf"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void givenTerraformFolder_whenModulesListed_thenTheyAreGcpAndAws() throws IOException {
    assertThat(modules()).containsExactly(AWS, GCP);
  }

  @ParameterizedTest
  @MethodSource("modules")
  void givenModule_whenEveryCheckRuns_thenItFindsNoProblem(Path dir) {
    List<String> problems = TerraformChecks.all(TerraformModule.load(dir));
    assertThat(problems).as(TerraformChecks.describe(problems)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("modules")
  void givenModule_whenVariablesAndOutputsListed_thenEachHasADescription(Path dir) {
    TerraformModule module = TerraformModule.load(dir);
    assertThat(module.variables()).isNotEmpty();
    assertThat(module.outputs()).isNotEmpty();
    module.variables().forEach((name, v) ->
        assertThat(text(v.get("description"))).as("variable " + name).isNotBlank());
    module.outputs().forEach((name, o) ->
        assertThat(text(o.get("description"))).as("output " + name).isNotBlank());
  }

  // ---- what the modules hold --------------------------------------------------------------

  @Test
  void givenGcpModule_whenTablesListed_thenEveryOutputTableIsThereOnceInOneDataset() {
    TerraformModule gcp = TerraformModule.load(GCP);
    assertThat(gcp.resources("google_bigquery_dataset")).hasSize(1);
    List<String> tableIds = gcp.resources("google_bigquery_table").values().stream()
        .map(t -> text(t.get("table_id"))).toList();
    assertThat(tableIds).containsExactlyInAnyOrderElementsOf(
        CanonicalTables.OUTPUTS.stream().map(TableSchema::name).toList());
  }

  @Test
  void givenAwsModule_whenGlueTablesListed_thenEverySourceTableIsThereOnce() {
    TerraformModule aws = TerraformModule.load(AWS);
    assertThat(aws.resources("aws_glue_catalog_database")).hasSize(1);
    List<String> names = aws.resources("aws_glue_catalog_table").values().stream()
        .map(t -> text(t.get("name"))).toList();
    assertThat(names).containsExactlyInAnyOrderElementsOf(
        CanonicalTables.SOURCES.stream().map(TableSchema::name).toList());
    assertThat(aws.resources("aws_s3_bucket")).containsOnlyKeys("lake", "output");
  }

  @Test
  void givenGcpModule_whenGrantsListed_thenOnlyJobsAndDataflowAreProjectWideAndDataflowIsOptional() {
    TerraformModule gcp = TerraformModule.load(GCP);
    Map<String, Map<String, Object>> project = gcp.resources("google_project_iam_member");
    assertThat(project.values().stream().map(g -> text(g.get("role"))))
        .containsExactlyInAnyOrder("roles/bigquery.jobUser", "roles/dataflow.worker",
            "roles/dataflow.developer");
    // the scheduler's (scheduler.tf): its grant names the scheduler's own account
    assertThat(text(project.get("scheduler_dataflow_developer").get("member")))
        .startsWith("serviceAccount:google_service_account.scheduler.");
    // with the default grant_dataflow_worker = false, hcl4j evaluates the count to 0
    assertThat(text(project.get("job_dataflow_worker").get("count"))).isEqualTo("0");
    assertThat(gcp.resources("google_bigquery_dataset_iam_member").values().stream()
        .map(g -> text(g.get("role")))).containsExactly("roles/bigquery.dataEditor");
    assertThat(gcp.resources("google_storage_bucket_iam_member").values().stream()
        .map(g -> text(g.get("role"))))
        .containsExactlyInAnyOrder("roles/storage.objectAdmin", "roles/storage.legacyBucketReader");
    assertThat(gcp.resources("google_storage_bucket_iam_member").values())
        .allSatisfy(g -> assertThat(text(g.get("bucket"))).isEqualTo("google_storage_bucket.staging.name"));
  }

  @Test
  void givenGcsBucket_whenLifecycleRead_thenTempAndStagingFilesExpire() {
    Map<String, Object> bucket =
        TerraformModule.load(GCP).resources("google_storage_bucket").get("staging");
    List<Map<String, Object>> rules = blocks(bucket, "lifecycle_rule");
    assertThat(rules).anySatisfy(rule -> {
      Map<String, Object> condition = blocks(rule, "condition").get(0);
      assertThat(list(condition.get("matches_prefix"))).containsExactlyInAnyOrder("temp/", "staging/");
      assertThat(text(condition.get("age"))).isEqualTo("7");
      assertThat(text(blocks(rule, "action").get(0).get("type"))).isEqualTo("Delete");
    });
  }

  @Test
  void givenAwsJobPolicy_whenRead_thenItGrantsOnlyReadsOfTheLakeAndGlueAndWritesToTheOutputBucket() {
    TerraformModule aws = TerraformModule.load(AWS);
    List<Map<String, Object>> statements =
        blocks(aws.dataSources("aws_iam_policy_document").get("job"), "statement");
    Set<String> actions = new TreeSet<>();
    for (Map<String, Object> s : statements) {
      List<String> granted = list(s.get("actions")).stream().map(TerraformModule::text).toList();
      List<String> resources = list(s.get("resources")).stream().map(TerraformModule::text).toList();
      actions.addAll(granted);
      if (granted.contains("s3:PutObject") || granted.contains("s3:DeleteObject")) {
        assertThat(resources).as(text(s.get("sid")))
            .allSatisfy(r -> assertThat(r).startsWith("aws_s3_bucket.output.arn/"));
      }
      if (granted.contains("s3:DeleteObject")) {
        assertThat(resources).as("only temporary files are deleted")
            .containsExactly("aws_s3_bucket.output.arn/temp/*");
      }
      if (granted.stream().anyMatch(a -> a.startsWith("glue:"))) {
        List<String> tableArns = aws.resources("aws_glue_catalog_table").keySet().stream()
            .map(t -> "aws_glue_catalog_table." + t + ".arn").toList();
        assertThat(resources).containsAll(tableArns).contains("aws_glue_catalog_database.demandcast.arn");
        assertThat(resources).allSatisfy(r -> assertThat(r).doesNotContain("table/*"));
      }
    }
    assertThat(actions).containsExactly(
        "glue:GetDatabase", "glue:GetPartitions", "glue:GetTable", "glue:GetTables",
        "s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:ListBucket",
        "s3:PutObject");
    assertThat(text(aws.resources("aws_iam_role_policy").get("job").get("policy")))
        .isEqualTo("data.aws_iam_policy_document.job.json");
  }

  @Test
  void givenGlueTables_whenVariablesResolved_thenTheyPointIntoTheLakeBucketUnderThePrefix() {
    TerraformModule aws = TerraformModule.load(AWS);
    aws.resources("aws_glue_catalog_table").forEach((name, table) ->
        assertThat(text(blocks(table, "storage_descriptor").get(0).get("location")))
            .isEqualTo("s3://aws_s3_bucket.lake.bucket/demandcast/" + name + "/"));
  }

  // ---- the checks can fail: broken configurations -----------------------------------------

  @Test
  void givenBigQueryColumnOfWrongTypeModeOrName_whenChecked_thenEachIsReported(@TempDir Path tmp) {
    TerraformModule gcp = editedCopy(GCP, tmp, "bigquery.tf",
        "{ name = \"horizon\", type = \"INT64\"", "{ name = \"horizon\", type = \"STRING\"",
        "{ name = \"p50\", type = \"FLOAT64\", mode = \"REQUIRED\"",
        "{ name = \"p50\", type = \"FLOAT64\", mode = \"NULLABLE\"",
        "{ name = \"payload\",", "{ name = \"record\",");
    assertThat(TerraformChecks.bigQueryTables(gcp)).containsExactlyInAnyOrder(
        "gcp: google_bigquery_table.demand_forecasts column horizon type is STRING, expected INT64",
        "gcp: google_bigquery_table.demand_forecasts column p50 mode is NULLABLE, expected REQUIRED",
        "gcp: google_bigquery_table.forecast_explanations column horizon type is STRING, expected"
            + " INT64",
        "gcp: google_bigquery_table.rejected_records: columns [run_id, source, record, reason, ts,"
            + " occurrence], expected [run_id, source, payload, reason, ts, occurrence]"
            + " (CanonicalTables.rejected_records, in order)");
  }

  @Test
  void givenBigQueryTableWithOtherPartitioningOrClustering_whenChecked_thenReported(@TempDir Path tmp) {
    TerraformModule gcp = editedCopy(GCP, tmp, "bigquery.tf",
        "    type  = \"MONTH\"\n    field = \"period_start\"", "    type  = \"DAY\"\n    field = \"period_start\"",
        "clustering          = [\"run_id\"]", "clustering          = [\"ts\"]");
    assertThat(TerraformChecks.bigQueryTables(gcp)).containsExactlyInAnyOrder(
        "gcp: google_bigquery_table.demand_forecasts time_partitioning.type is DAY, expected MONTH",
        "gcp: google_bigquery_table.forecast_explanations time_partitioning.type is DAY, expected"
            + " MONTH",
        "gcp: google_bigquery_table.rejected_records clustering is [ts], expected [run_id]");
  }

  @Test
  void givenBigQueryTableThatIsNotAnOutputTable_whenChecked_thenReported() {
    TerraformModule module = TerraformModule.parse("t", """
        resource "google_bigquery_dataset" "d" {
          dataset_id = "x"
        }
        resource "google_bigquery_table" "sales" {
          dataset_id = google_bigquery_dataset.d.dataset_id
          table_id   = "erp_sales"
          schema     = jsonencode([])
        }
        resource "google_bigquery_table" "other" {
          dataset_id = google_bigquery_dataset.d.dataset_id
          table_id   = "forecasts"
          schema     = jsonencode([])
        }
        """, Map.of());
    List<String> problems = TerraformChecks.bigQueryTables(module);
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).isEqualTo("t: google_bigquery_table.sales: erp_sales is a source"
        + " table, expected only output tables here");
    assertThat(problems.get(1)).startsWith("t: google_bigquery_table.other: no canonical table 'forecasts'");
  }

  @Test
  void givenGlueColumnOfWrongType_whenChecked_thenReportedAndTheGlueSourceRefusesIt(@TempDir Path tmp) {
    TerraformModule aws = editedCopy(AWS, tmp, "glue.tf",
        "      name    = \"unit_price\"\n      type    = \"double\"",
        "      name    = \"unit_price\"\n      type    = \"string\"");
    List<String> problems = TerraformChecks.glueTables(aws);
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0))
        .isEqualTo("aws: aws_glue_catalog_table.erp_sales column unit_price type is string, expected double");
    assertThat(problems.get(1)).startsWith("aws: aws_glue_catalog_table.erp_sales: demandcast's Glue"
        + " source would refuse it: glue://demandcast.erp_sales column unit_price: expected DOUBLE");
  }

  @Test
  void givenGlueCsvLayoutDemandcastCannotRead_whenChecked_thenEveryTableIsReported(@TempDir Path tmp) {
    TerraformModule aws = editedCopy(AWS, tmp, "glue.tf",
        "\"skip.header.line.count\" = \"1\"", "\"skip.header.line.count\" = \"0\"");
    List<String> problems = TerraformChecks.glueTables(aws);
    assertThat(problems).hasSize(CanonicalTables.SOURCES.size());
    assertThat(problems).allSatisfy(p -> assertThat(p)
        .contains("demandcast's Glue source would refuse it")
        .contains("0 header lines"));
  }

  @Test
  void givenGlueTablesSwitchedToParquetAsTheReadmeSays_whenChecked_thenAccepted(@TempDir Path tmp) {
    TerraformModule aws = editedCopy(AWS, tmp, "glue.tf",
        "org.apache.hadoop.mapred.TextInputFormat",
        "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
        "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
        "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
        """
            "field.delim"               = ","
            "serialization.format"      = ","
            "serialization.null.format" = ""
        """, "",
        """
            "classification"         = "csv"
            "skip.header.line.count" = "1"
            "EXTERNAL"               = "TRUE"
        """, "    \"classification\" = \"parquet\"\n");
    List<String> problems = TerraformChecks.glueTables(aws);
    assertThat(problems).as(TerraformChecks.describe(problems)).isEmpty();
    // and the edit took: the same tables with a text input format are refused
    TerraformModule mixed = editedCopy(AWS, tmp.resolve("mixed"), "glue.tf",
        "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
    assertThat(TerraformChecks.glueTables(mixed)).hasSize(CanonicalTables.SOURCES.size())
        .allSatisfy(p -> assertThat(p).contains("format properties disagree"));
  }

  @Test
  void givenGlueTableOutsideTheModulesBucketsOrPartitioned_whenChecked_thenReported() {
    TerraformModule module = TerraformModule.parse("t", """
        resource "aws_glue_catalog_database" "db" {
          name = "lake"
        }
        resource "aws_glue_catalog_table" "items" {
          database_name = aws_glue_catalog_database.db.name
          name          = "erp_items"
          storage_descriptor {
            location = "s3://${aws_s3_bucket.elsewhere.bucket}/erp_items/"
            columns {
              name = "sku"
              type = "string"
            }
          }
          partition_keys {
            name = "dt"
            type = "string"
          }
        }
        """, Map.of());
    List<String> problems = TerraformChecks.glueTables(module);
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(
        "t: aws_glue_catalog_table.items: columns [sku], expected [sku, description,"));
    assertThat(problems).contains(
        "t: aws_glue_catalog_table.items: has partition keys; demandcast reads columns from the"
            + " files only, not from partition folders",
        "t: aws_glue_catalog_table.items: location names aws_s3_bucket.elsewhere, which this"
            + " module does not declare");
  }

  @Test
  void givenS3BucketNotLockedDown_whenChecked_thenEveryMissingProtectionIsReported() {
    TerraformModule module = TerraformModule.parse("t", """
        resource "aws_s3_bucket" "open" {
          bucket = "open-bucket"
        }
        resource "aws_s3_bucket_public_access_block" "open" {
          bucket                  = aws_s3_bucket.open.id
          block_public_acls       = true
          block_public_policy     = false
          ignore_public_acls      = true
          restrict_public_buckets = true
        }
        resource "aws_s3_bucket_versioning" "open" {
          bucket = aws_s3_bucket.open.id
          versioning_configuration {
            status = "Suspended"
          }
        }
        resource "aws_s3_bucket_acl" "open" {
          bucket = aws_s3_bucket.open.id
          acl    = "public-read"
        }
        resource "aws_s3_bucket" "bare" {
          bucket = "bare-bucket"
        }
        """, Map.of());
    List<String> problems = TerraformChecks.s3Buckets(module);
    assertThat(problems).containsExactlyInAnyOrder(
        "t: aws_s3_bucket.open: public access block block_public_policy is false, must be true",
        "t: aws_s3_bucket.open: no default server-side encryption (an"
            + " aws_s3_bucket_server_side_encryption_configuration with sse_algorithm one of "
            + TerraformChecks.SSE_ALGORITHMS + "), found []",
        "t: aws_s3_bucket.open: versioning is not enabled (an aws_s3_bucket_versioning with status"
            + " Enabled), found [Suspended]",
        "t: aws_s3_bucket_acl.open: acl public-read opens the bucket; leave ACLs private",
        "t: aws_s3_bucket.bare: no aws_s3_bucket_public_access_block",
        "t: aws_s3_bucket.bare: no default server-side encryption (an"
            + " aws_s3_bucket_server_side_encryption_configuration with sse_algorithm one of "
            + TerraformChecks.SSE_ALGORITHMS + "), found []",
        "t: aws_s3_bucket.bare: versioning is not enabled (an aws_s3_bucket_versioning with status"
            + " Enabled), found []");
  }

  @Test
  void givenPublicGcsBucket_whenChecked_thenReported() {
    TerraformModule module = TerraformModule.parse("t", """
        resource "google_storage_bucket" "site" {
          name                        = "public-site"
          location                    = "EU"
          uniform_bucket_level_access = false
          public_access_prevention    = "inherited"
        }
        resource "google_storage_bucket_iam_member" "everyone" {
          bucket = google_storage_bucket.site.name
          role   = "roles/storage.objectViewer"
          member = "allUsers"
        }
        resource "google_storage_bucket_acl" "acl" {
          bucket      = google_storage_bucket.site.name
          role_entity = ["READER:allAuthenticatedUsers"]
        }
        """, Map.of());
    assertThat(TerraformChecks.gcsBuckets(module)).containsExactlyInAnyOrder(
        "t: google_storage_bucket.site public_access_prevention is inherited, expected enforced",
        "t: google_storage_bucket.site uniform_bucket_level_access is false, expected true",
        "t: google_storage_bucket.site versioning.enabled is [], expected [true]",
        "t: google_storage_bucket_acl.acl grants allAuthenticatedUsers access: the bucket would be public");
    assertThat(TerraformChecks.gcpIam(module)).containsExactly(
        "t: google_storage_bucket_iam_member.everyone grants roles/storage.objectViewer to allUsers: public");
  }

  @Test
  void givenPrimitiveOrProjectWideAdminRole_whenChecked_thenReported() {
    TerraformModule module = TerraformModule.parse("t", """
        resource "google_project_iam_member" "editor" {
          project = "p"
          role    = "roles/editor"
          member  = "serviceAccount:job@p.iam.gserviceaccount.com"
        }
        resource "google_project_iam_member" "bq_admin" {
          project = "p"
          role    = "roles/bigquery.admin"
          member  = "serviceAccount:job@p.iam.gserviceaccount.com"
        }
        resource "google_bigquery_dataset_iam_binding" "owners" {
          dataset_id = "d"
          role       = "roles/owner"
          members    = ["user:someone@example.com"]
        }
        resource "google_bigquery_dataset_iam_member" "dataset_admin" {
          dataset_id = "d"
          role       = "roles/bigquery.admin"
          member     = "user:someone@example.com"
        }
        """, Map.of());
    assertThat(TerraformChecks.gcpIam(module)).containsExactlyInAnyOrder(
        "t: google_project_iam_member.editor grants the primitive role roles/editor; grant a"
            + " predefined role on the resource instead",
        "t: google_project_iam_member.bq_admin grants roles/bigquery.admin on the whole project (or"
            + " folder, organization); grant it on the resource",
        "t: google_bigquery_dataset_iam_binding.owners grants the primitive role roles/owner; grant"
            + " a predefined role on the resource instead");
  }

  @Test
  void givenWildcardActionsOrResources_whenChecked_thenAllowsAreReportedAndDeniesAreNot() {
    TerraformModule module = TerraformModule.parse("t", """
        data "aws_iam_policy_document" "broad" {
          statement {
            sid       = "Everything"
            actions   = ["*"]
            resources = ["arn:aws:s3:::b"]
          }
          statement {
            sid       = "AllOfS3"
            effect    = "Allow"
            actions   = ["s3:*", "glue:Get*"]
            resources = ["*"]
          }
          statement {
            sid         = "AllButDelete"
            not_actions = ["s3:DeleteObject"]
            resources   = ["arn:aws:s3:::b/*"]
          }
          statement {
            sid       = "TlsOnly"
            effect    = "Deny"
            actions   = ["s3:*"]
            resources = ["*"]
            principals {
              type        = "*"
              identifiers = ["*"]
            }
          }
        }
        resource "aws_iam_policy" "inline_json" {
          name   = "p"
          policy = jsonencode({
            Version   = "2012-10-17"
            Statement = [{ Effect = "Allow", Action = "*", Resource = "*", Principal = "*" }]
          })
        }
        resource "aws_iam_role_policy_attachment" "admin" {
          role       = "r"
          policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
        }
        resource "aws_iam_role_policy" "opaque" {
          role   = "r"
          policy = file("policy.json")
        }
        """, Map.of());
    List<String> problems = TerraformChecks.awsPolicies(module);
    assertThat(problems).contains(
        "t: data.aws_iam_policy_document.broad statement Everything grants the wildcard action *;"
            + " name the actions",
        "t: data.aws_iam_policy_document.broad statement AllOfS3 grants the wildcard action s3:*;"
            + " name the actions",
        "t: data.aws_iam_policy_document.broad statement AllOfS3 grants the wildcard action"
            + " glue:Get*; name the actions",
        "t: data.aws_iam_policy_document.broad statement AllOfS3 grants on every resource (\"*\");"
            + " name the resources",
        "t: data.aws_iam_policy_document.broad statement AllButDelete allows everything but its"
            + " not_actions; name the actions",
        "t: aws_iam_policy.inline_json policy Statement #1 grants the wildcard action *; name the"
            + " actions",
        "t: aws_iam_policy.inline_json policy Statement #1 grants on every resource (\"*\"); name"
            + " the resources",
        "t: aws_iam_policy.inline_json policy Statement #1 is granted to every principal (\"*\"):"
            + " public");
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("t: aws_iam_role_policy_attachment.admin: attaches the AWS-managed policy"
            + " arn:aws:iam::aws:policy/AdministratorAccess"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("t: aws_iam_role_policy.opaque policy is ").contains("cannot read"));
    assertThat(problems).noneMatch(p -> p.contains("TlsOnly"));
    assertThat(problems).hasSize(10);
  }

  @Test
  void givenCommittedModules_whenAWildcardIsAddedToTheJobPolicy_thenTheCheckFails(@TempDir Path tmp) {
    TerraformModule aws = editedCopy(AWS, tmp, "iam.tf",
        "actions   = [\"s3:GetObject\"]", "actions   = [\"s3:Get*\"]");
    assertThat(TerraformChecks.all(aws)).containsExactly(
        "aws: data.aws_iam_policy_document.job statement ReadLakeTableFiles grants the wildcard"
            + " action s3:Get*; name the actions");
  }

  // ---- the Cloud Scheduler job that launches the Flex Template (scheduler.tf) ----------------

  @Test
  void givenGcpModule_whenSchedulerJobRead_thenItPostsToFlexTemplatesLaunchWithTheSchedulersOauthToken() {
    TerraformModule gcp = TerraformModule.load(GCP);
    assertThat(gcp.resources("google_cloud_scheduler_job")).containsOnlyKeys("launch");
    Map<String, Object> target = blocks(gcp.resources("google_cloud_scheduler_job").get("launch"),
        "http_target").get(0);
    assertThat(text(target.get("http_method"))).isEqualTo("POST");
    // var.project_id has no default; hcl4j leaves it empty
    assertThat(text(target.get("uri"))).isEqualTo("https://dataflow.googleapis.com/v1b3/projects/"
        + "/locations/europe-west1/flexTemplates:launch");
    Map<String, Object> token = blocks(target, "oauth_token").get(0);
    assertThat(TerraformModule.referencedName(token.get("service_account_email"), "google_service_account"))
        .isEqualTo("scheduler");
    assertThat(text(token.get("scope"))).isEqualTo("https://www.googleapis.com/auth/cloud-platform");
    assertThat(blocks(target, "oidc_token")).isEmpty();
    // the launch body: the template spec and the job's own account to run as
    Map<String, Object> launch = TerraformModule.map(TerraformModule.map(
        TerraformChecks.locals(gcp).get("flex_template_launch_body")).get("launchParameter"));
    assertThat(launch).containsKeys("jobName", "containerSpecGcsPath", "parameters", "environment");
    assertThat(text(TerraformModule.map(launch.get("environment")).get("serviceAccountEmail")))
        .isEqualTo("google_service_account.job.email");
    assertThat(TerraformChecks.gcpScheduler(gcp)).isEmpty();
  }

  @Test
  void givenGcpModule_whenSchedulerAccountGrantsListed_thenExactlyDataflowDeveloperAndActAsTheJobAccount() {
    TerraformModule gcp = TerraformModule.load(GCP);
    List<String> grants = new ArrayList<>();
    for (String type : gcp.resourceTypes()) {
      if (type.endsWith("_iam_member") || type.endsWith("_iam_binding")) {
        gcp.resources(type).forEach((name, g) -> {
          if (String.valueOf(text(g.get("member"))).contains("google_service_account.scheduler.")) {
            grants.add(type + " " + text(g.get("role")) + " on "
                + (g.containsKey("service_account_id") ? text(g.get("service_account_id")) : "project"));
          }
        });
      }
    }
    assertThat(grants).containsExactlyInAnyOrder(
        "google_project_iam_member roles/dataflow.developer on project",
        "google_service_account_iam_member roles/iam.serviceAccountUser on google_service_account.job.name");
  }

  @Test
  void givenSchedulerTf_whenRead_thenEverySchedulerResourceExistsOnlyWithASchedule() throws IOException {
    // hcl4j evaluates var.schedule != "" wrongly, so this reads the text Terraform evaluates
    String tf = Files.readString(GCP.resolve("scheduler.tf"), StandardCharsets.UTF_8);
    assertThat(tf).contains("schedule_enabled = var.schedule != \"\"");
    assertThat(text(TerraformModule.load(GCP).variables().get("schedule").get("default"))).isEmpty();
    for (String resource : List.of("google_service_account\" \"scheduler",
        "google_project_iam_member\" \"scheduler_dataflow_developer",
        "google_service_account_iam_member\" \"scheduler_acts_as_job",
        "google_cloud_scheduler_job\" \"launch")) {
      assertThat(tf).as(resource).containsPattern(java.util.regex.Pattern.quote("resource \"" + resource
          + "\" {") + "\\s+count = local\\.schedule_enabled \\? 1 : 0\\n");
    }
  }

  @Test
  void givenSchedulerJobCallingAnotherEndpointOrWithOidc_whenChecked_thenReported(@TempDir Path tmp) {
    TerraformModule gcp = editedCopy(GCP, tmp, "scheduler.tf",
        "/flexTemplates:launch\"", "/templates:launch\"",
        "    oauth_token {", "    oidc_token {");
    assertThat(TerraformChecks.gcpScheduler(gcp)).containsExactly(
        "gcp: google_cloud_scheduler_job.launch: uri https://dataflow.googleapis.com/v1b3/projects/"
            + "/locations/europe-west1/templates:launch is not Dataflow's flexTemplates:launch ("
            + TerraformChecks.FLEX_TEMPLATE_LAUNCH.pattern() + ")",
        "gcp: google_cloud_scheduler_job.launch: uses an oidc_token; Google APIs take an oauth_token",
        "gcp: google_cloud_scheduler_job.launch: expected one oauth_token, found 0");
  }

  @Test
  void givenSchedulerTokenOfTheJobAccount_whenChecked_thenReported(@TempDir Path tmp) {
    TerraformModule gcp = editedCopy(GCP, tmp, "scheduler.tf",
        "service_account_email = google_service_account.scheduler[0].email",
        "service_account_email = google_service_account.job.email");
    assertThat(TerraformChecks.gcpScheduler(gcp)).first().asString().isEqualTo(
        "gcp: google_cloud_scheduler_job.launch: the token is the job's own account"
            + " google_service_account.job; use a dedicated scheduler account");
  }

  @Test
  void givenSchedulerAccountWithBroaderGrants_whenChecked_thenReported(@TempDir Path tmp) {
    TerraformModule gcp = editedCopy(GCP, tmp, "scheduler.tf",
        "role    = \"roles/dataflow.developer\"", "role    = \"roles/dataflow.admin\"",
        "service_account_id = google_service_account.job.name",
        "service_account_id = google_service_account.scheduler[0].name");
    List<String> problems = TerraformChecks.all(gcp);
    assertThat(problems).containsExactlyInAnyOrder(
        "gcp: google_project_iam_member.scheduler_dataflow_developer grants roles/dataflow.admin on the"
            + " whole project (or folder, organization); grant it on the resource",
        "gcp: google_cloud_scheduler_job.launch: google_service_account_iam_member.scheduler_acts_as_job"
            + " grants roles/iam.serviceAccountUser on google_service_account.scheduler.value.name,"
            + " expected on the job's account google_service_account.job only",
        "gcp: google_cloud_scheduler_job.launch: google_service_account.scheduler holds"
            + " [google_project_iam_member roles/dataflow.admin, google_service_account_iam_member"
            + " roles/iam.serviceAccountUser], expected exactly [google_project_iam_member"
            + " roles/dataflow.developer, google_service_account_iam_member roles/iam.serviceAccountUser]");
  }

  @Test
  void givenSchedulerAccountAlsoActingAsEveryAccount_whenChecked_thenReported(@TempDir Path tmp) {
    TerraformModule gcp = editedCopy(GCP, tmp, "scheduler.tf", "resource \"google_cloud_scheduler_job\"",
        """
        resource "google_project_iam_member" "scheduler_acts_as_all" {
          project = var.project_id
          role    = "roles/iam.serviceAccountUser"
          member  = local.scheduler_member
        }

        resource "google_cloud_scheduler_job\"""");
    assertThat(TerraformChecks.gcpScheduler(gcp)).containsExactly(
        "gcp: google_cloud_scheduler_job.launch: google_service_account.scheduler holds"
            + " [google_project_iam_member roles/dataflow.developer, google_project_iam_member"
            + " roles/iam.serviceAccountUser, google_service_account_iam_member"
            + " roles/iam.serviceAccountUser], expected exactly [google_project_iam_member"
            + " roles/dataflow.developer, google_service_account_iam_member roles/iam.serviceAccountUser]");
  }

  // ---- helpers ----------------------------------------------------------------------------

  /**
   * A copy of a module folder in {@code tmp} with {@code file} edited by the (old, new) pairs, each
   * of which must match, loaded.
   */
  static TerraformModule editedCopy(Path module, Path tmp, String file, String... oldAndNew) {
    Path copy = tmp.resolve(module.getFileName());
    try {
      Files.createDirectories(copy);
      List<Path> files = new ArrayList<>();
      try (Stream<Path> list = Files.list(module)) {
        list.filter(Files::isRegularFile).forEach(files::add);
      }
      for (Path f : files) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        if (f.getFileName().toString().equals(file)) {
          for (int i = 0; i < oldAndNew.length; i += 2) {
            assertThat(text).as("the edit's text in " + file).contains(oldAndNew[i]);
            text = text.replace(oldAndNew[i], oldAndNew[i + 1]);
          }
        }
        Files.writeString(copy.resolve(f.getFileName()), text, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return TerraformModule.load(copy);
  }
}
