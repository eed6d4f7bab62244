package io.demandcast.connectors.glue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GlueException;

/**
 * {@link GlueCatalog} against Glue's wire protocol. No local Glue server exists, so these tests
 * run the real AWS SDK v2 Glue client against WireMock on the loopback interface, serving AWS
 * JSON 1.1 protocol responses of {@code GetTable}: the tables' JSON is written by hand in the shape
 * the Glue API returns ({@code Table.StorageDescriptor.Location}, {@code Columns}, {@code
 * SerdeInfo}, {@code InputFormat}, {@code Parameters.classification}, {@code PartitionKeys}, with
 * the parameters a Glue crawler sets), not captured from an AWS account; the errors are HTTP 400
 * or 500 with the error code in {@code __type}, as Glue sends them. The files are in {@code
 * src/test/resources/io/demandcast/connectors/glue/}.
 *
 * <p>What is checked: the request the client sends (target {@code AWSGlue.GetTable}, the JSON
 * body, SigV4 signing for the configured region), how each response is turned into a {@link
 * GlueTable} or an error, and the retry policy by counting the requests WireMock received. A
 * {@link GlueCatalogCloudIT} runs against the real service when credentials are present.
 */
class GlueCatalogTest {

  private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYTESTSECRET";

  @RegisterExtension
  static final WireMockExtension GLUE =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private GlueCatalog catalog;

  private GlueCatalog catalog() {
    return catalog(GlueCatalog.builder());
  }

  private GlueCatalog catalog(GlueCatalog.Builder builder) {
    catalog =
        builder
            .region("eu-west-1")
            .endpoint(URI.create("http://127.0.0.1:" + GLUE.getPort()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDDEMANDCASTTEST", SECRET_KEY)))
            .build();
    return catalog;
  }

  @AfterEach
  void closeCatalog() {
    if (catalog != null) {
      catalog.close();
    }
  }

  private static String fixture(String name) {
    try (InputStream in = GlueCatalogTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Glue response: the status, the AWS JSON 1.1 content type, a request id and the body. */
  private static ResponseDefinitionBuilder glueResponse(int status, String fixture) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
        .withBody(fixture(fixture));
  }

  private static void serve(int status, String fixture) {
    GLUE.stubFor(post("/").willReturn(glueResponse(status, fixture)));
  }

  @Test
  void givenCrawlerCsvTable_whenResolved_thenSignedGetTableRequestAndCsvTable() {
    serve(200, "get-table-csv.json");

    GlueTable table = catalog().resolve("erp", "sales");

    GLUE.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AWSGlue.GetTable"))
            .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
            // SigV4 for the configured region and the glue service, with the given access key
            .withHeader(
                "Authorization",
                matching("AWS4-HMAC-SHA256 Credential=AKIDDEMANDCASTTEST/\\d{8}/eu-west-1/glue"
                    + "/aws4_request, .*"))
            .withRequestBody(equalToJson("{\"DatabaseName\": \"erp\", \"Name\": \"sales\"}")));
    assertThat(table.database()).isEqualTo("erp");
    assertThat(table.table()).isEqualTo("sales");
    assertThat(table.uri()).isEqualTo("glue://erp.sales");
    assertThat(table.bucket()).isEqualTo("demandcast-lake");
    assertThat(table.prefix()).isEqualTo("erp/sales/");
    assertThat(table.location()).isEqualTo("s3://demandcast-lake/erp/sales/");
    assertThat(table.s3Uri()).isEqualTo("s3://demandcast-lake/erp/sales/?format=csv");
    assertThat(table.format()).isEqualTo(FileFormat.CSV);
    assertThat(table.csv()).isEqualTo(new GlueTable.Csv(',', 1));
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("sku", "string");
    columns.put("location", "string");
    columns.put("date", "date");
    columns.put("quantity", "double");
    columns.put("unit_price", "decimal(10,2)");
    columns.put("promo", "boolean");
    assertThat(table.columns()).containsExactlyEntriesOf(columns);
    assertThat(table.partitionKeys()).containsExactlyEntriesOf(Map.of("dt", "string"));
    // every erp_sales column is there but lineage, which may be absent
    assertThat(table.check(CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY))
        .containsOnlyKeys("sku", "location", "date", "quantity", "unit_price", "promo");
  }

  @Test
  void givenJsonTableWithoutTrailingSlash_whenResolved_thenJsonLinesUnderFolderPrefix() {
    serve(200, "get-table-json.json");

    GlueTable table = catalog().resolve("erp", "items");

    assertThat(table.format()).isEqualTo(FileFormat.JSONL);
    assertThat(table.csv()).isNull();
    assertThat(table.prefix()).isEqualTo("erp/items/");
    assertThat(table.partitionKeys()).isEmpty();
    assertThat(table.columns()).containsEntry("unit_cost", "decimal(12,4)").hasSize(11);
    // varchar, decimal, float, smallint and char are read as the canonical types; the columns
    // added after the first release (review_period_days, service_level, lineage) may be absent
    assertThat(table.check(CanonicalTables.ERP_ITEMS, ColumnMapping.IDENTITY))
        .doesNotContainKeys("review_period_days", "service_level", "lineage")
        .hasSize(11);
  }

  @Test
  void givenParquetTableWithPartitions_whenResolved_thenParquetAndPartitionKeysInOrder() {
    serve(200, "get-table-parquet.json");

    GlueTable table = catalog().resolve("iot", "readings");

    assertThat(table.format()).isEqualTo(FileFormat.PARQUET);
    assertThat(table.csv()).isNull();
    assertThat(table.location()).isEqualTo("s3://demandcast-lake/iot/readings/");
    assertThat(table.s3Uri()).isEqualTo("s3://demandcast-lake/iot/readings/?format=parquet");
    assertThat(table.partitionKeys().keySet()).containsExactly("year", "month");
    assertThat(table.columns().keySet())
        .containsExactly("sensor_id", "location", "sku", "ts", "metric", "value");
    assertThat(table.check(CanonicalTables.IOT_READINGS, ColumnMapping.IDENTITY)).hasSize(6);
  }

  @Test
  void givenCatalogId_whenResolved_thenRequestNamesTheCatalog() {
    serve(200, "get-table-csv.json");

    catalog(GlueCatalog.builder().catalogId("210987654321")).resolve("erp", "sales");

    GLUE.verify(
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(
                equalToJson(
                    "{\"CatalogId\": \"210987654321\", \"DatabaseName\": \"erp\","
                        + " \"Name\": \"sales\"}")));
  }

  @Test
  void givenHdfsLocation_whenResolved_thenErrorNamesTableAndLocation() {
    serve(200, "get-table-hdfs.json");

    assertThatThrownBy(() -> catalog().resolve("erp", "sales"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("glue://erp.sales")
        .hasMessageContaining("hdfs://namenode.internal:8020/warehouse/erp.db/sales")
        .hasMessageContaining("not in S3");
  }

  @Test
  void givenEntityNotFound_whenResolved_thenErrorNamesTableAndCheckCommandWithoutRetrying() {
    serve(400, "entity-not-found.json");

    assertThatThrownBy(() -> catalog().resolve("erp", "sales_2024"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("glue://erp.sales_2024")
        .hasMessageContaining("Table sales_2024 not found.")
        .hasMessageContaining(
            "aws glue get-table --database-name erp --name sales_2024 --region eu-west-1`")
        .hasCauseInstanceOf(EntityNotFoundException.class);
    GLUE.verify(1, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void givenThrottlingThenSuccess_whenResolved_thenSdkRetriedOnceAndResolved() {
    GLUE.stubFor(
        post("/")
            .inScenario("throttled")
            .whenScenarioStateIs(STARTED)
            .willReturn(glueResponse(400, "throttling.json"))
            .willSetStateTo("throttled once"));
    GLUE.stubFor(
        post("/")
            .inScenario("throttled")
            .whenScenarioStateIs("throttled once")
            .willReturn(glueResponse(200, "get-table-parquet.json")));

    GlueTable table = catalog().resolve("iot", "readings");

    assertThat(table.format()).isEqualTo(FileFormat.PARQUET);
    GLUE.verify(2, postRequestedFor(urlEqualTo("/")));
    // the second request is the SDK's second attempt of the same call, of the standard mode's 3
    GLUE.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("amz-sdk-request", equalTo("attempt=2; max=3")));
    assertThat(GLUE.getAllServeEvents())
        .extracting(e -> e.getRequest().getHeader("amz-sdk-invocation-id"))
        .hasSize(2)
        .doesNotContainNull()
        .containsOnly(GLUE.getAllServeEvents().get(0).getRequest()
            .getHeader("amz-sdk-invocation-id"));
  }

  @Test
  void givenInternalErrorEveryTime_whenResolved_thenThreeAttemptsThenFailure() {
    serve(500, "internal-error.json");

    assertThatThrownBy(() -> catalog().resolve("erp", "sales"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("glue://erp.sales")
        .hasMessageContaining("after the standard retry mode's attempts")
        .hasMessageContaining("Internal service exception")
        .hasCauseInstanceOf(GlueException.class);
    GLUE.verify(GlueCatalog.DEFAULT_MAX_ATTEMPTS, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void givenMaxAttemptsOne_whenInternalError_thenNoRetry() {
    serve(500, "internal-error.json");

    GlueCatalog once = catalog(GlueCatalog.builder().maxAttempts(1));

    assertThatThrownBy(() -> once.resolve("erp", "sales"))
        .isInstanceOf(IllegalStateException.class);
    GLUE.verify(1, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void givenAccessDenied_whenResolved_thenPermanentErrorNamingPermissionWithoutSecret() {
    serve(400, "access-denied.json");

    assertThatThrownBy(() -> catalog().resolve("erp", "sales"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("glue://erp.sales: access denied")
        .hasMessageContaining("not retried")
        .hasMessageContaining("glue:GetTable")
        .hasMessageContaining("default provider chain")
        .hasCauseInstanceOf(AccessDeniedException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET_KEY));
    GLUE.verify(1, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  @SuppressWarnings("deprecation") // RetryPolicy, the retry API of SDK 2.20
  void givenBuilder_whenBuilt_thenStandardRetryModeWithConfiguredAttempts() {
    RetryPolicy byDefault = catalog().retryPolicy();
    assertThat(byDefault.retryMode()).isEqualTo(RetryMode.STANDARD);
    assertThat(byDefault.numRetries()).isEqualTo(GlueCatalog.DEFAULT_MAX_ATTEMPTS - 1);
    catalog.close();

    RetryPolicy five = catalog(GlueCatalog.builder().maxAttempts(5)).retryPolicy();
    assertThat(five.retryMode()).isEqualTo(RetryMode.STANDARD);
    assertThat(five.numRetries()).isEqualTo(4);
  }

  @Test
  void givenZeroMaxAttempts_whenBuilt_thenRejected() {
    assertThatThrownBy(() -> GlueCatalog.builder().maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 0");
  }
}
