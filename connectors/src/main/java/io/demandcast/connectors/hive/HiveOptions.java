package io.demandcast.connectors.hive;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How a pipeline connects to HiveServer2 for {@code hive://} tables. Registered by {@link
 * HiveOptionsRegistrar}, so {@code --hiveJdbcProperties} can be given on a command line.
 */
public interface HiveOptions extends PipelineOptions {
  @Description(
      "A Java properties file of Hive JDBC connection properties: user, password and"
          + " hiveconf:<setting> (passed as connection properties), and any HiveServer2 session"
          + " variable of the JDBC URL (ssl, sslTrustStore, trustStorePassword, transportMode,"
          + " httpPath, principal, ...). Read where each connection is opened, so credentials stay"
          + " out of the pipeline's options and of model_runs; messages are redacted. Default: user"
          + " 'anonymous', no password (a server with authentication NONE).")
  String getHiveJdbcProperties();

  void setHiveJdbcProperties(String file);

  @Description(
      "How many queries read each Hive source table, in parallel on any workers: query i of n"
          + " reads the rows with pmod(hash(<all columns>), n) = i, so every row is read exactly"
          + " once. 1 reads a table with one query on one worker. Default: 4.")
  @Default.Integer(HiveSource.DEFAULT_SPLITS)
  int getHiveReadSplits();

  void setHiveReadSplits(int splits);
}
