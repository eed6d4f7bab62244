package io.demandcast.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {

  private static String redact(String text) {
    return Redaction.redact(text);
  }

  @Test
  void givenKeyEqualsValue_whenRedacted_thenValueHiddenKeyKept() {
    assertThat(redact("login failed: user=alice password=hunter2 host=db1"))
        .isEqualTo("login failed: user=alice password=*** host=db1");
    assertThat(redact("passwd = s3cr3t!")).isEqualTo("passwd = ***");
    assertThat(redact("{password=pw1, user=bob}")).isEqualTo("{password=***, user=bob}");
    assertThat(redact("(token=abc.def)")).isEqualTo("(token=***)");
  }

  @Test
  void givenKeyColonValue_whenRedacted_thenValueHidden() {
    assertThat(redact("api_key: AbC123xyz\nregion: eu-west-1"))
        .isEqualTo("api_key: ***\nregion: eu-west-1");
    assertThat(redact("X-Amz-Security-Token: FQoGZXIvYXdzE"))
        .isEqualTo("X-Amz-Security-Token: ***");
  }

  @Test
  void givenJson_whenRedacted_thenSecretStringsHidden() {
    String json = "{\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"AKIA1\","
        + "\"secretAccessKey\": \"wJalr/K7MDENG\", \"region\":\"eu-west-1\"}";
    assertThat(redact(json))
        .isEqualTo("{\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"***\","
            + "\"secretAccessKey\": \"***\", \"region\":\"eu-west-1\"}");
    assertThat(redact("{'private_key': '-----BEGIN RSA'}")).isEqualTo("{'private_key': '***'}");
    assertThat(redact("{\"password\": 12345, \"port\": 10000}"))
        .isEqualTo("{\"password\": ***, \"port\": 10000}");
  }

  @Test
  void givenMalformedJsonWithUnterminatedValue_whenRedacted_thenHiddenToEndOfLine() {
    assertThat(redact("Unexpected end-of-input: {\"secretAccessKey\":\"wJalrXUtn\nline 2"))
        .isEqualTo("Unexpected end-of-input: {\"secretAccessKey\":\"***\nline 2");
  }

  @Test
  void givenEscapedJsonInsideAString_whenRedacted_thenHidden() {
    assertThat(redact("value \"{\\\"clientSecret\\\":\\\"xyz\\\",\\\"id\\\":\\\"7\\\"}\""))
        .isEqualTo("value \"{\\\"clientSecret\\\":\\\"***\\\",\\\"id\\\":\\\"7\\\"}\"");
  }

  @Test
  void givenJdbcUrlSessionVariables_whenRedacted_thenSecretsHiddenHostAndPortKept() {
    assertThat(redact("Could not open client transport with JDBC Uri: jdbc:hive2://127.0.0.1:1/erp"
            + ";ssl=true;sslTrustStore=/etc/ts.jks;trustStorePassword=Tr0ub4dor: Connection refused"))
        .isEqualTo("Could not open client transport with JDBC Uri: jdbc:hive2://127.0.0.1:1/erp"
            + ";ssl=true;sslTrustStore=/etc/ts.jks;trustStorePassword=***: Connection refused");
    assertThat(redact("jdbc:hive2://h:10000/db;password=x?hiveconf:javax.jdo.option"
            + ".ConnectionPassword=y"))
        .isEqualTo("jdbc:hive2://h:10000/db;password=***");
    assertThat(redact("jdbc:hive2://h:10000/db?hiveconf:javax.jdo.option.ConnectionPassword=y"))
        .isEqualTo("jdbc:hive2://h:10000/db?hiveconf:javax.jdo.option.ConnectionPassword=***");
  }

  @Test
  void givenUrlQuery_whenRedacted_thenSecretParametersHidden() {
    assertThat(redact("GET https://s3.example.com/b/k?X-Amz-Credential=AKIA%2F1&X-Amz-Date=20240101"
            + "&X-Amz-Signature=abcdef&apiKey=k1 failed"))
        .isEqualTo("GET https://s3.example.com/b/k?X-Amz-Credential=***&X-Amz-Date=20240101"
            + "&X-Amz-Signature=***&apiKey=*** failed");
  }

  @Test
  void givenUserInfoInUrl_whenRedacted_thenUserInfoHiddenHostKept() {
    assertThat(redact("cannot reach postgresql://admin:pa55@db.example.com:5432/erp"))
        .isEqualTo("cannot reach postgresql://***@db.example.com:5432/erp");
    assertThat(redact("see https://token123@github.com/acme/repo.git"))
        .isEqualTo("see https://***@github.com/acme/repo.git");
  }

  @Test
  void givenAuthorizationHeaderOrBearer_whenRedacted_thenCredentialsHidden() {
    assertThat(redact("Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l; next"))
        .isEqualTo("Authorization: ***; next");
    assertThat(redact("sent Bearer ya29.a0AfH6SMB then")).isEqualTo("sent Bearer *** then");
  }

  @Test
  void givenPemPrivateKey_whenRedacted_thenBodyHidden() {
    assertThat(redact("key -----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN\n-----END PRIVATE KEY----- ok"))
        .isEqualTo("key -----BEGIN PRIVATE KEY-----***-----END PRIVATE KEY----- ok");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "cannot connect to HiveServer2 at 127.0.0.1:10000 (database erp): Connection refused",
      "erp_sales = s3://acme-erp/exports/sales?format=csv: no object under the prefix",
      "duckdb:exports/erp.duckdb#sales_history has no column sku; key columns: sku, location",
      "--output hive://hive.example.com:10000/demandcast: sslTrustStore=/etc/ts.jks ssl=true",
      "the pipeline ended in state FAILED",
      "Constraint Error: Duplicate key \"sku: A-1\" violates primary key constraint",
      "a password is needed: set it in --hiveJdbcProperties",
      "password=",
      ""})
  void givenTextWithoutSecret_whenRedacted_thenUnchanged(String text) {
    assertThat(redact(text)).isEqualTo(text);
  }

  @Test
  void givenNull_whenRedacted_thenNull() {
    assertThat(redact(null)).isNull();
  }

  @Test
  void givenAlreadyRedacted_whenRedactedAgain_thenSame() {
    String once = redact("jdbc:hive2://u:p@h:1/db;trustStorePassword=x \"token\":\"y\"");
    assertThat(redact(once)).isEqualTo(once);
  }

  @Test
  void givenExceptionChain_whenScrubbed_thenEveryMessageRedactedAndStackKept() {
    SQLException root = new SQLException("jdbc:hive2://h:1/db;trustStorePassword=Zq9: refused");
    IllegalStateException top = new IllegalStateException("wrapped: " + root.getMessage(), root);
    Redaction.Redacted scrubbed = Redaction.scrub(top);
    assertThat(scrubbed.getMessage()).isEqualTo("wrapped: jdbc:hive2://h:1/db;trustStorePassword=***: refused");
    assertThat(scrubbed.getCause()).hasMessage("jdbc:hive2://h:1/db;trustStorePassword=***: refused");
    assertThat(scrubbed.getCause().toString()).startsWith("java.sql.SQLException: ");
    assertThat(scrubbed.getStackTrace()).isEqualTo(top.getStackTrace());
    assertThat(Redaction.stackTrace(top)).doesNotContain("Zq9").contains("trustStorePassword=***");
  }

  @Test
  void givenKnownSecretLiteral_whenRedacted_thenHiddenWhateverItsForm() {
    String value = "{secretAcessKey wJalrXUtn";
    assertThat(Redaction.redact("Unable to parse JSON value " + value, java.util.List.of(value, " ")))
        .isEqualTo("Unable to parse JSON value ***");
    assertThat(Redaction.scrub(new IllegalStateException("x", new RuntimeException("v=" + value)),
            java.util.List.of(value)).getCause())
        .hasMessage("v=***");
  }

  @Test
  void givenSecretLookingKeys_whenAsked_thenRecognised() {
    for (String key : new String[] {"password", "trustStorePassword", "secretAccessKey",
        "accessKey", "apiKey", "private_key", "client-secret", "sessionToken", "credentials",
        "PWD", "db.pass"}) {
      assertThat(Redaction.isSecretKey(key)).as(key).isTrue();
    }
    for (String key : new String[] {"user", "host", "sslTrustStore", "ssl", "transportMode",
        "principal", "region", "keyStoreType", "bypass"}) {
      assertThat(Redaction.isSecretKey(key)).as(key).isFalse();
    }
  }
}
