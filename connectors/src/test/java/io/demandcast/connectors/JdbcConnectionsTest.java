package io.demandcast.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link JdbcConnections#unparsedForLineage}: the same SQL, with FROM joined to the quoted name. */
class JdbcConnectionsTest {
  @Test
  void givenDuckDbAndHiveQueries_whenPrepared_thenFromTouchesTheQuotedNameOnly() {
    assertThat(JdbcConnections.unparsedForLineage(
            "select cast(\"q\" as double) \"from\" from \"erp_sales\" where rowid >= ?"))
        .isEqualTo("select cast(\"q\" as double) \"from\" from\"erp_sales\" where rowid >= ?");
    assertThat(JdbcConnections.unparsedForLineage(
            "SELECT `sku` AS `sku` FROM `erp`.`erp_sales` WHERE pmod(hash(`sku`), 4) = ?"))
        .isEqualTo("SELECT `sku` AS `sku` FROM`erp`.`erp_sales` WHERE pmod(hash(`sku`), 4) = ?");
    // already joined: unchanged
    assertThat(JdbcConnections.unparsedForLineage("select 1 from\"t\"")).isEqualTo("select 1 from\"t\"");
    assertThatThrownBy(() -> JdbcConnections.unparsedForLineage("select 1 from t"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
