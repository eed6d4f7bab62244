package io.demandcast.connectors.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * {@link GlueCatalog} against the real AWS Glue service. Runs (with {@code mvn verify}, by the
 * failsafe plugin) only when both are present, and is reported as skipped otherwise (JUnit
 * assumptions):
 *
 * <ul>
 *   <li>{@code DEMANDCAST_GLUE_TABLE}: the table to resolve, {@code <database>.<table>} or {@code
 *       glue://<database>.<table>}; a CSV, JSON or Parquet table on S3;
 *   <li>AWS credentials the SDK's default provider chain finds ({@code AWS_PROFILE}, {@code
 *       AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, web identity, an instance role), allowed
 *       {@code glue:GetTable} on the table; the region from {@code AWS_REGION} or the profile.
 * </ul>
 *
 * Optional: {@code DEMANDCAST_GLUE_CANONICAL}, a canonical source table (e.g. {@code erp_sales}) the
 * Glue table must match with its own column names ({@link GlueTable#check}).
 *
 * <p>Nothing is written: the test only reads the catalog.
 */
class GlueCatalogCloudIT {

  @Test
  void givenConfiguredGlueTable_whenResolved_thenS3LocationFormatAndColumns() {
    String configured = System.getenv("DEMANDCAST_GLUE_TABLE");
    assumeTrue(configured != null && !configured.isBlank(),
        "DEMANDCAST_GLUE_TABLE is not set (e.g. erp.sales): skipping the AWS Glue test");
    assumeTrue(hasCredentials(),
        "the AWS default credentials provider chain finds no credentials: skipping the AWS Glue"
            + " test");
    GlueTableName name = GlueTableName.parse(
        configured.startsWith(GlueTableName.SCHEME + "://")
            ? configured.strip()
            : GlueTableName.SCHEME + "://" + configured.strip());

    try (GlueCatalog catalog = GlueCatalog.builder().build()) {
      GlueTable table = catalog.resolve(name);

      assertThat(table.uri()).isEqualTo(name.toString());
      assertThat(table.bucket()).isNotBlank();
      assertThat(table.location()).startsWith("s3://" + table.bucket() + "/");
      assertThat(table.columns()).isNotEmpty();
      assertThat(table.csv() != null).isEqualTo(table.format() == FileFormat.CSV);
      String canonical = System.getenv("DEMANDCAST_GLUE_CANONICAL");
      if (canonical != null && !canonical.isBlank()) {
        TableSchema schema = CanonicalTables.byName(canonical.strip());
        assertThat(table.check(schema, ColumnMapping.IDENTITY)).isNotEmpty();
      }
    }
  }

  private static boolean hasCredentials() {
    try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
      chain.resolveCredentials();
      return true;
    } catch (SdkClientException e) {
      return false;
    }
  }
}
