package io.demandcast.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.Connectors;
import io.demandcast.connectors.bigquery.BigQueryConnector;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.s3.PathStyleS3ClientBuilderFactory;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.connectors.testing.FakeBigQuery;
import io.demandcast.pipelines.cli.CliRun.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No secret given to demandcast reaches its output: each test plants distinctive random secrets in
 * one credential path, runs {@code demandcast run} in process so that it fails on them, and looks
 * for the secrets in standard output and standard error (the CLI's streams and the process's, where
 * libraries log), in every column of every table and view of the DuckDB warehouse, and in every
 * file the run wrote (reports, warehouse). Runs with stack traces ({@code demandcast.debug}, as
 * {@code DEMANDCAST_DEBUG}) too where a cause could carry a secret.
 *
 * <p>The credential paths: the Hive JDBC properties file ({@code --hiveJdbcProperties}: password,
 * trustStorePassword, a hiveconf password); Beam's {@code --awsCredentialsProvider} JSON, malformed
 * and valid (S3 and Glue endpoints where nothing listens); and a Google service-account key file.
 * The CLI has no option of its own for Google credentials: BigQuery uses application-default
 * credentials ({@code GOOGLE_APPLICATION_CREDENTIALS} names the key file; an environment variable
 * a test cannot set in process) or Beam's {@code --credentialFactoryClass}, which here reads the
 * key file as application-default credentials would ({@link ServiceAccountFileFactory}).
 *
 * <p>Every address is 127.0.0.1 at a port where nothing listens: nothing leaves the machine.
 */
class SecretsStayOutCliTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  /** The planted secrets. */
  private final List<String> secrets = new ArrayList<>();

  /** The files holding them, which are the inputs and not searched. */
  private final List<Path> plantedFiles = new ArrayList<>();

  /** The connectors the CLI reads through: with the BigQuery fakes where a test starts them. */
  private Connectors connectors = Connectors.loaded();

  @AfterEach
  void cleanUp() {
    System.clearProperty("demandcast.debug");
    System.clearProperty(ServiceAccountFileFactory.PROPERTY);
    connectors = Connectors.loaded();
    DuckDbConnections.closeAll();
  }

  // ---- Hive ----------------------------------------------------------------------------------

  @ParameterizedTest(name = "debug={0}")
  @ValueSource(booleans = {false, true})
  void givenHiveSourceWithSecretsInPropertiesFile_whenServerNotThere_thenNoSecretAnywhere(
      boolean debug) throws Exception {
    Path properties = hiveProperties();
    int port = closedPort();
    Result r = run(debug, "--source", "erp_items=hive://127.0.0.1:" + port + "/erp.items",
        "--hiveJdbcProperties=" + properties);

    assertThat(r.outcome.exitCode()).isNotZero();
    assertThat(r.outcome.errFirstLine())
        .contains("cannot connect to HiveServer2 at 127.0.0.1:" + port)
        .contains("--hiveJdbcProperties");
    if (debug) {
      // the driver's message held the URL with the trust store password: shown redacted
      assertThat(r.outcome.err()).contains("trustStorePassword=***");
    }
    assertNoSecretAnywhere(r);
  }

  @Test
  void givenHiveOutputWithSecretsInPropertiesFile_whenServerNotThere_thenNoSecretAnywhere()
      throws Exception {
    Path properties = hiveProperties();
    int port = closedPort();
    Result r = run(true, "--output", "hive://127.0.0.1:" + port + "/demandcast",
        "--hiveJdbcProperties=" + properties);

    assertThat(r.outcome.exitCode()).isNotZero();
    assertThat(r.outcome.err()).contains("127.0.0.1:" + port);
    assertNoSecretAnywhere(r);
  }

  /** A Hive JDBC properties file with a password, a trust store password and a hiveconf one. */
  private Path hiveProperties() throws IOException {
    Path file = dir.resolve("hive.properties");
    Files.writeString(file, String.join("\n",
        "user=planner",
        "password=" + plant("hivepw"),
        "ssl=true",
        "sslTrustStore=" + dir.resolve("truststore.jks"),
        "trustStorePassword=" + plant("hivets"),
        "hiveconf\\:hive.server2.keystore.password=" + plant("hiveconf"),
        "retries=1",
        ""));
    plantedFiles.add(file);
    return file;
  }

  // ---- AWS -----------------------------------------------------------------------------------

  @ParameterizedTest(name = "debug={0}")
  @ValueSource(booleans = {false, true})
  void givenMalformedAwsCredentialsJson_whenRun_thenNoSecretAnywhere(boolean debug)
      throws Exception {
    int port = closedPort();
    String key = plant("AKID");
    String secret = plant("awssecret");
    for (String json : List.of(
        // unterminated
        "{\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"" + key
            + "\",\"secretAccessKey\":\"" + secret + "\"",
        // unquoted value
        "{\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"" + key
            + "\",\"secretAccessKey\":" + secret + "}",
        // no colon: nothing looks like key and value, only the option's name says it is secret
        "{\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"" + key
            + "\",\"secretAccessKey\" \"" + secret + "\"}",
        // an unknown provider type
        "{\"@type\":\"StaticProvider\",\"accessKeyId\":\"" + key
            + "\",\"secretAccessKey\":\"" + secret + "\"}")) {
      Result r = run(debug, "--source", "erp_items=s3://acme-erp/items.csv",
          "--awsRegion=eu-west-1", "--endpoint=http://127.0.0.1:" + port,
          PathStyleS3ClientBuilderFactory.OPTION, "--awsCredentialsProvider=" + json);

      assertThat(r.outcome.exitCode()).as(json).isNotZero();
      assertThat(r.outcome.errFirstLine()).as(json).contains("--awsCredentialsProvider");
      assertNoSecretAnywhere(r);
    }
  }

  @Test
  void givenValidAwsCredentialsAndS3WhereNothingListens_whenRun_thenNoSecretAnywhere()
      throws Exception {
    int port = closedPort();
    Result r = run(true, "--source", "erp_items=s3://acme-erp/items.csv",
        "--awsRegion=eu-west-1", "--endpoint=http://127.0.0.1:" + port,
        PathStyleS3ClientBuilderFactory.OPTION, "--awsCredentialsProvider=" + validAwsJson());

    assertThat(r.outcome.exitCode()).isNotZero();
    assertThat(r.outcome.errFirstLine()).contains("s3://acme-erp/items.csv");
    assertNoSecretAnywhere(r);
  }

  @Test
  void givenValidAwsCredentialsAndGlueWhereNothingListens_whenRun_thenNoSecretAnywhere()
      throws Exception {
    int port = closedPort();
    Result r = run(true, "--source", "erp_items=glue://lake.items",
        "--awsRegion=eu-west-1", "--glueEndpoint=http://127.0.0.1:" + port,
        "--endpoint=http://127.0.0.1:" + port, PathStyleS3ClientBuilderFactory.OPTION,
        "--awsCredentialsProvider=" + validAwsJson());

    assertThat(r.outcome.exitCode()).isNotZero();
    assertThat(r.outcome.errFirstLine()).contains("lake.items");
    assertNoSecretAnywhere(r);
  }

  private String validAwsJson() {
    return "{\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"" + plant("AKID")
        + "\",\"secretAccessKey\":\"" + plant("awssecret") + "\"}";
  }

  // ---- Google --------------------------------------------------------------------------------

  @ParameterizedTest(name = "malformed={0}")
  @ValueSource(booleans = {false, true})
  void givenServiceAccountKeyFile_whenBigQueryNotThere_thenNoSecretAnywhere(boolean malformed)
      throws Exception {
    int port = closedPort();
    Path keyFile = serviceAccountKey(port, malformed);
    System.setProperty(ServiceAccountFileFactory.PROPERTY, keyFile.toString());
    FakeBigQuery bigQuery = FakeBigQuery.start("acme-test", "demandcast");
    connectors = Connectors.loaded().with(BigQueryConnector.withServices(bigQuery.services()));
    Path sources = dir.resolve("sources.duckdb");
    DuckDbWarehouse.openWithSourceTables(sources);
    DuckDbConnections.closeAll();
    List<String> args = new ArrayList<>(List.of("--output", "bigquery://acme-test/demandcast",
        "--project=acme-test", "--tempLocation=" + dir.resolve("bq-temp"),
        "--bigQueryEndpoint=http://127.0.0.1:" + port,
        "--credentialFactoryClass=" + ServiceAccountFileFactory.class.getName()));
    for (TableSchema table : CanonicalTables.SOURCES) {
      args.addAll(List.of("--source", table.name() + "=duckdb:" + sources + "#" + table.name()));
    }
    Result r = run(true, args.toArray(String[]::new));

    assertThat(r.outcome.exitCode()).isNotZero();
    assertNoSecretAnywhere(r);
  }

  /**
   * A service-account key file with a fresh RSA key, its token endpoint at {@code port}; when
   * {@code malformed}, cut off after the key.
   */
  private Path serviceAccountKey(int port, boolean malformed) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String body = Base64.getEncoder().encodeToString(
        generator.generateKeyPair().getPrivate().getEncoded());
    StringBuilder pem = new StringBuilder("-----BEGIN PRIVATE KEY-----\\n");
    for (int i = 0; i < body.length(); i += 64) {
      String line = body.substring(i, Math.min(body.length(), i + 64));
      pem.append(line).append("\\n");
      if (line.length() == 64 && i > 0) {
        secrets.add(line); // every full line of the key but the first (its common header)
      }
    }
    pem.append("-----END PRIVATE KEY-----\\n");
    String json = "{\"type\":\"service_account\",\"project_id\":\"acme-test\","
        + "\"private_key_id\":\"" + plant("keyid") + "\","
        + "\"private_key\":\"" + pem + "\","
        + "\"client_email\":\"demandcast@acme-test.iam.gserviceaccount.com\","
        + "\"client_id\":\"100000000000000000001\","
        + "\"token_uri\":\"http://127.0.0.1:" + port + "/token\"";
    json = malformed ? json + ",\"auth_uri\":" : json + "}";
    Path file = dir.resolve("service-account.json");
    Files.writeString(file, json);
    plantedFiles.add(file);
    return file;
  }

  // ---- running and searching -----------------------------------------------------------------

  /** What one run printed, where it wrote, and what the process streams caught meanwhile. */
  private record Result(Outcome outcome, String processOut, String processErr, Path warehouse,
      Path reports) {}

  /**
   * {@code demandcast run --warehouse <fresh file> --reports <fresh dir> args...}, with stack
   * traces when {@code debug}, capturing {@link System#out} and {@link System#err} too.
   */
  private Result run(boolean debug, String... args) {
    Path runDir = dir.resolve("run-" + HexFormat.of().formatHex(randomBytes(4)));
    Path warehouse = runDir.resolve("w.duckdb");
    Path reports = runDir.resolve("reports");
    try {
      Files.createDirectories(runDir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    // the sources not given read from the warehouse: a run needs its erp_sales and erp_items
    DuckDbWarehouse.openWithSourceTables(warehouse);
    DuckDbConnections.closeAll();
    List<String> all = new ArrayList<>(List.of("run", "--warehouse", warehouse.toString(),
        "--reports", reports.toString(), "--horizon", "3", "--backtest-windows", "1"));
    all.addAll(List.of(args));
    if (debug) {
      System.setProperty("demandcast.debug", "true");
    } else {
      System.clearProperty("demandcast.debug");
    }
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Outcome outcome;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      outcome = CliRun.executeWith(connectors, all.toArray(String[]::new));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
      DuckDbConnections.closeAll();
    }
    return new Result(outcome, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8), warehouse, reports);
  }

  private void assertNoSecretAnywhere(Result r) throws Exception {
    assertThat(secrets).isNotEmpty();
    assertNoSecretIn("standard output", r.outcome.out());
    assertNoSecretIn("standard error", r.outcome.err());
    assertNoSecretIn("the process's standard output", r.processOut);
    assertNoSecretIn("the process's standard error", r.processErr);
    if (Files.exists(r.warehouse)) {
      assertNoSecretInTables(r.warehouse);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (!plantedFiles.contains(file)) {
          assertNoSecretIn(file.toString(),
              new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
      }
    }
  }

  /** Every column of every row of every table and view of the warehouse, as text. */
  private void assertNoSecretInTables(Path warehouse) throws Exception {
    int tables = 0;
    try (Connection c = DuckDbConnections.open(warehouse); Statement s = c.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(
          "select table_schema, table_name from information_schema.tables")) {
        while (rs.next()) {
          names.add("\"" + rs.getString(1) + "\".\"" + rs.getString(2) + "\"");
        }
      }
      for (String table : names) {
        tables++;
        try (ResultSet rs = s.executeQuery("select * from " + table)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              assertNoSecretIn(table + " column " + rs.getMetaData().getColumnName(i),
                  String.valueOf(rs.getString(i)));
            }
          }
        }
      }
    } finally {
      DuckDbConnections.closeAll();
    }
    assertThat(tables).as("tables in " + warehouse).isPositive();
  }

  private void assertNoSecretIn(String where, String text) {
    for (String secret : secrets) {
      assertThat(text).as(where).doesNotContain(secret);
    }
  }

  /** A distinctive random string, remembered as a secret. */
  private String plant(String prefix) {
    String secret = prefix + HexFormat.of().formatHex(randomBytes(12));
    secrets.add(secret);
    return secret;
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
