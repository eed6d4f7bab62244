package io.demandcast.connectors.hive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.ColumnType;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.PBegin;
import org.junit.jupiter.api.Test;

/** The split queries of {@link HiveSource}; reading them from a real HiveServer2 is in HiveWarehouseIT. */
class HiveSourceTest {
  private static final HiveTableName SALES = HiveTableName.parseTable("hive://h:10000/erp.sales");
  // erp_sales: sku, location, date, quantity, unit_price, promo and the lineage column, which has
  // no source column here
  private static final List<String> SOURCES =
      Arrays.asList("item_code", "location", "date", "quantity", "unit_price", "promo", null);

  @Test
  void givenWiderOwnTypes_whenConverted_thenTimestampsGiveTheirDayAndDatesMidnight() {
    var date = io.demandcast.connectors.schema.Column.required("d", ColumnType.DATE, "a day");
    var ts = io.demandcast.connectors.schema.Column.required("t", ColumnType.TIMESTAMP, "a time");
    var qty = io.demandcast.connectors.schema.Column.required("q", ColumnType.DOUBLE, "units");

    assertThat(HiveSource.value(date, java.sql.Timestamp.valueOf("2024-01-31 23:59:59")))
        .isEqualTo(java.time.LocalDate.of(2024, 1, 31));
    assertThat(HiveSource.value(date, "2024-01-31 23:59:59.5"))
        .isEqualTo(java.time.LocalDate.of(2024, 1, 31));
    assertThat(HiveSource.value(ts, java.sql.Date.valueOf("2024-02-29")))
        .isEqualTo(java.time.LocalDateTime.of(2024, 2, 29, 0, 0));
    assertThat(HiveSource.value(ts, "2024-02-29"))
        .isEqualTo(java.time.LocalDateTime.of(2024, 2, 29, 0, 0));
    assertThat(HiveSource.value(qty, 7)).isEqualTo(7.0);
    assertThat(HiveSource.value(qty, new java.math.BigDecimal("2.25"))).isEqualTo(2.25);

    assertThat(HiveTableCheck.accepts(ColumnType.DATE, "timestamp")).isTrue();
    assertThat(HiveTableCheck.accepts(ColumnType.TIMESTAMP, "date")).isTrue();
    assertThat(HiveTableCheck.accepts(ColumnType.DOUBLE, "decimal(10,2)")).isTrue();
    assertThat(HiveTableCheck.accepts(ColumnType.DATE, "string")).isFalse();
    assertThat(HiveTableCheck.accepts(ColumnType.INT64, "double")).isFalse();
  }

  @Test
  void givenOneSplit_whenQuery_thenWholeTableWithoutFilter() {
    String sql = HiveSource.query(SALES, CanonicalTables.ERP_SALES, SOURCES, 0, 1);

    assertThat(sql).startsWith("SELECT `item_code` AS `sku`, `location` AS `location`")
        .endsWith(" FROM `erp`.`sales`")
        .doesNotContain("WHERE");
  }

  @Test
  void givenSplits_whenQuery_thenEachFiltersOnOneHashResidueOfTheSourceColumns() {
    for (int split = 0; split < 4; split++) {
      String sql = HiveSource.query(SALES, CanonicalTables.ERP_SALES, SOURCES, split, 4);

      assertThat(sql).endsWith(" FROM `erp`.`sales` WHERE pmod(hash(`item_code`, `location`,"
          + " `date`, `quantity`, `unit_price`, `promo`), 4) = " + split);
    }
  }

  @Test
  void givenSplits_whenParameterizedQuery_thenTheSplitNumberIsItsOneParameter() {
    String sql = HiveSource.parameterizedQuery(SALES, CanonicalTables.ERP_SALES, SOURCES, 4);

    assertThat(sql).isEqualTo(
        HiveSource.query(SALES, CanonicalTables.ERP_SALES, SOURCES, 2, 4).replaceAll("= 2$", "= ?"));
    assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(1);
    assertThat(HiveSource.parameterizedQuery(SALES, CanonicalTables.ERP_SALES, SOURCES, 1))
        .isEqualTo(HiveSource.query(SALES, CanonicalTables.ERP_SALES, SOURCES, 0, 1))
        .doesNotContain("?");
  }

  @Test
  void givenZeroSplits_whenApplied_thenFailsNamingTheOption() {
    Pipeline pipeline = Pipeline.create(
        PipelineOptionsFactory.fromArgs("--hiveReadSplits=0").create());

    assertThatThrownBy(() -> PBegin.in(pipeline)
            .apply(HiveSource.read(SALES, CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--hiveReadSplits must be at least 1");
  }
}
