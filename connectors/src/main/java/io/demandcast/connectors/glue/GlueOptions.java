package io.demandcast.connectors.glue;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The Glue settings of a pipeline that reads {@code glue://} tables, next to Beam's {@code
 * AwsOptions} ({@code --awsRegion}, {@code --awsCredentialsProvider}), which the Glue client shares
 * with the S3 reader. Registered by {@link GlueOptionsRegistrar}, so {@code --glueEndpoint} and
 * {@code --glueCatalogId} can be given on a command line.
 *
 * <p>The Glue endpoint is an option of its own because Beam's {@code --endpoint} is the S3
 * endpoint: an S3-compatible store (MinIO, S3Proxy in tests) does not serve the Glue API, and the
 * Glue API (a VPC endpoint, WireMock in tests) does not serve S3.
 */
public interface GlueOptions extends PipelineOptions {
  @Description(
      "Glue API endpoint, e.g. https://glue.eu-west-1.amazonaws.com or a VPC endpoint; default:"
          + " the Glue endpoint of --awsRegion. Not the S3 --endpoint.")
  String getGlueEndpoint();

  void setGlueEndpoint(String endpoint);

  @Description(
      "Glue catalog (AWS account id) to look glue:// tables up in, for a catalog shared from"
          + " another account; default: the caller's own.")
  String getGlueCatalogId();

  void setGlueCatalogId(String catalogId);
}
