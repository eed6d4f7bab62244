package io.demandcast.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.bigquery.BigQueryConnector;
import io.demandcast.connectors.duckdb.DuckDbConnector;
import io.demandcast.connectors.glue.GlueConnector;
import io.demandcast.connectors.hive.HiveConnector;
import io.demandcast.connectors.s3.S3Connector;
import io.demandcast.connectors.testing.FakeBigQuery;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry of source connectors: found by ServiceLoader, looked up by scheme. */
class ConnectorsTest {
  private static final Map<String, Class<?>> EXPECTED = Map.of(
      "duckdb:w.duckdb#erp_sales", DuckDbConnector.class,
      "s3://bucket/sales?format=csv", S3Connector.class,
      "glue://lake.sales", GlueConnector.class,
      "bigquery://acme-prod/erp.sales", BigQueryConnector.class,
      "hive://h:10000/erp.sales", HiveConnector.class);

  @Test
  void givenClassPath_whenLoaded_thenEveryOneOfTheFiveSchemesHasItsConnector() {
    Connectors connectors = Connectors.loaded();

    assertThat(connectors.schemes()).containsExactly("bigquery", "duckdb", "glue", "hive", "s3");
    EXPECTED.forEach((uri, type) -> {
      TableUri parsed = TableUri.parse(uri);
      SourceConnector connector = connectors.forTable(parsed);
      assertThat(connector).as(uri).isInstanceOf(type);
      assertThat(connector.scheme()).isEqualTo(parsed.scheme());
      assertThat(connectors.forUri(uri)).isSameAs(connector);
    });
  }

  @Test
  void givenServiceFiles_whenRead_thenOurFileNamesTheFiveConnectorsOnce() throws Exception {
    List<String> lines = new ArrayList<>();
    for (URL url : Collections.list(getClass().getClassLoader()
        .getResources("META-INF/services/" + SourceConnector.class.getName()))) {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
        in.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .forEach(lines::add);
      }
    }

    assertThat(lines).containsExactlyInAnyOrder(EXPECTED.values().stream()
        .map(Class::getName).toArray(String[]::new));
  }

  @Test
  void givenUnknownScheme_whenLookedUp_thenTheMessageNamesTheKnownSchemes() {
    Connectors connectors = Connectors.loaded();

    assertThatThrownBy(() -> connectors.forScheme("ftp"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ftp")
        .hasMessageContaining("[bigquery, duckdb, glue, hive, s3]");
    assertThatThrownBy(() -> connectors.forUri("sftp://host/x"))
        .hasMessageContaining("sftp").hasMessageContaining("[bigquery, duckdb, glue, hive, s3]");
    assertThatThrownBy(() -> Connectors.of(new DuckDbConnector()).forScheme("hive"))
        .hasMessageContaining("the known schemes are [duckdb]");
  }

  @Test
  void givenBigQueryConnectorWithServices_whenWith_thenItReplacesTheLoadedOneOnly()
      throws Exception {
    FakeBigQuery fake = FakeBigQuery.start("acme-prod", "erp");
    BigQueryConnector withFake = BigQueryConnector.withServices(fake.services());
    Connectors loaded = Connectors.loaded();

    Connectors connectors = loaded.with(withFake);

    assertThat(connectors.forScheme("bigquery")).isSameAs(withFake);
    assertThat(loaded.forScheme("bigquery")).isNotSameAs(withFake);
    assertThat(connectors.forScheme("hive")).isSameAs(loaded.forScheme("hive"));
    assertThat(connectors.schemes()).isEqualTo(loaded.schemes());
  }

  @Test
  void givenOutputUris_whenForWarehouse_thenHiveAndBigQueryDatabasesOnly() {
    Connectors connectors = Connectors.loaded();

    assertThat(connectors.warehouseForms()).containsExactly(
        "bigquery://<project>/<dataset>", "hive://<host>:<port>/<database>");
    assertThat(connectors.forWarehouse("hive://h:10000/demandcast"))
        .isInstanceOf(HiveConnector.class);
    assertThat(connectors.forWarehouse("bigquery://acme-prod/demandcast"))
        .isInstanceOf(BigQueryConnector.class);
    assertThat(connectors.forWarehouse("hive://h:10000/demandcast")
            .tableIn("hive://h:10000/demandcast", "erp_sales"))
        .isEqualTo(TableUri.parse("hive://h:10000/demandcast.erp_sales"));
    assertThat(connectors.forScheme("bigquery")
            .tableIn("bigquery://acme-prod/demandcast", "erp_items"))
        .isEqualTo(TableUri.parse("bigquery://acme-prod/demandcast.erp_items"));
    for (String notOutput : List.of("s3://bucket/out", "duckdb:w.duckdb", "ftp://x/y", "w")) {
      assertThatThrownBy(() -> connectors.forWarehouse(notOutput)).as(notOutput)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(notOutput)
          .hasMessageContaining("hive://<host>:<port>/<database>")
          .hasMessageContaining("bigquery://<project>/<dataset>");
    }
    assertThatThrownBy(() -> connectors.forWarehouse("hive://h:10000/db.t"))
        .hasMessageContaining("names a table");
  }
}
