package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.pipelines.model.JobSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that fails after it is recorded stores its failure in {@code model_runs.message} without
 * the secrets the failure's message held: the failure here is thrown by the progress consumer
 * while the demo input loads, with a JDBC URL carrying a trust store password as a driver's
 * message would, and the value of the run's {@code --awsCredentialsProvider}.
 */
class FailedRunMessageTest {
  @TempDir Path dir;

  @AfterEach
  void closeWarehouses() {
    DuckDbConnections.closeAll();
  }

  @Test
  void givenFailureMessageWithSecrets_whenRunFails_thenModelRunsMessageRedactedButUseful()
      throws Exception {
    String trustStorePassword = "ts-" + UUID.randomUUID();
    String awsSecret = "aws-" + UUID.randomUUID();
    String credentials = "{\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"AKIDTEST\","
        + "\"secretAccessKey\":\"" + awsSecret + "\"}";
    String failure = "cannot read hive://127.0.0.1:1/erp.items: Could not open client transport"
        + " with JDBC Uri: jdbc:hive2://127.0.0.1:1/erp;ssl=true;trustStorePassword="
        + trustStorePassword + ": Connection refused; provider " + credentials;
    Path warehouse = dir.resolve("w.duckdb");
    JobSettings settings = JobSettings.defaults("secret-run", RunRecord.now());
    DemandcastJob.Request request = new DemandcastJob.Request(warehouse, Map.of(), settings,
        List.of("--runner=DirectRunner", "--awsRegion=eu-west-1",
            "--awsCredentialsProvider=" + credentials),
        true, line -> {
          throw new IllegalStateException(failure);
        });

    assertThatThrownBy(() -> DemandcastJob.run(request)).hasMessage(failure);

    try (Connection c = DuckDbConnections.open(warehouse); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "select status, message from model_runs where run_id = 'secret-run'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("status")).isEqualTo("failed");
      String message = rs.getString("message");
      assertThat(message)
          .doesNotContain(trustStorePassword)
          .doesNotContain(awsSecret)
          .contains("hive://127.0.0.1:1/erp.items")
          .contains("jdbc:hive2://127.0.0.1:1/erp;ssl=true;trustStorePassword=***: Connection"
              + " refused");
    }
  }
}
