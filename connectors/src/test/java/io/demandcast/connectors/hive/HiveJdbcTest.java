package io.demandcast.connectors.hive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.demandcast.connectors.Redaction;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HiveJdbc} against a loopback port where nothing listens: what its failure says. */
class HiveJdbcTest {
  @TempDir Path dir;

  @Test
  void givenSecretsInPropertiesFile_whenConnectionFails_thenNoSecretInMessageOrCauses()
      throws Exception {
    String password = "pw-" + UUID.randomUUID();
    String trustStorePassword = "ts-" + UUID.randomUUID();
    String confSecret = "conf-" + UUID.randomUUID();
    Path file = dir.resolve("hive.properties");
    Files.writeString(file, String.join("\n",
        "user=planner",
        "password=" + password,
        "ssl=true",
        "sslTrustStore=" + dir.resolve("truststore.jks"),
        "trustStorePassword=" + trustStorePassword,
        "hiveconf:javax.jdo.option.ConnectionPassword=" + confSecret,
        "retries=1"));
    int port = closedPort();
    HiveJdbc jdbc = new HiveJdbc(new HiveTableName("127.0.0.1", port, "erp", null), file.toString());

    SQLException e = catchThrowableOfType(jdbc::connect, SQLException.class);

    assertThat((Throwable) e).hasMessageStartingWith(
        "cannot connect to HiveServer2 at 127.0.0.1:" + port + " (database erp)");
    assertThat(e.getMessage()).contains("--hiveJdbcProperties");
    String trace = stackTraceOf(e);
    for (String secret : new String[] {password, trustStorePassword, confSecret}) {
      assertThat(trace).as("the stack trace with its causes").doesNotContain(secret);
    }
    // the driver's message named the URL; its trustStorePassword is redacted there
    assertThat(trace).contains("trustStorePassword=" + Redaction.MASK);
  }

  @Test
  void givenHiveconfValueWithSemicolon_whenConnecting_thenPassedAsPropertyNotRefused()
      throws Exception {
    Path file = dir.resolve("hive.properties");
    Files.writeString(file, "hiveconf:hive.some.list=a;b\n");
    int port = closedPort();
    HiveJdbc jdbc = new HiveJdbc(new HiveTableName("127.0.0.1", port, "erp", null), file.toString());
    // not the "a JDBC URL cannot carry" IllegalArgumentException: the setting is a property now
    SQLException e = catchThrowableOfType(jdbc::connect, SQLException.class);
    assertThat((Throwable) e).hasMessageContaining("127.0.0.1:" + port);
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String stackTraceOf(Throwable e) {
    java.io.StringWriter w = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(w, true));
    return w.toString();
  }
}
