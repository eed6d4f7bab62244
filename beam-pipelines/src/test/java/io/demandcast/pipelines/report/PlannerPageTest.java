package io.demandcast.pipelines.report;

import static io.demandcast.pipelines.report.PlannerPageFixture.ODD_SKU;
import static io.demandcast.pipelines.report.PlannerPageFixture.ODD_SUPPLIER;
import static io.demandcast.pipelines.report.PlannerPageFixture.RUN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.pipelines.model.PeriodType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the planner page's table and panels hold, read from a warehouse. */
class PlannerPageTest {
  @TempDir Path temp;
  private DuckDbWarehouse warehouse;

  @BeforeEach
  void setUp() throws Exception {
    warehouse = DuckDbWarehouse.openWithSourceTables(temp.resolve("warehouse.duckdb"));
    run(PlannerPageFixture::seed);
  }

  @AfterEach
  void tearDown() {
    DuckDbConnections.close(warehouse.file());
  }

  @Test
  void givenRun_whenRead_thenEveryRecommendationByValueWithSupplierLeadTimeDemandAndCover()
      throws Exception {
    PlannerPage page = read();

    assertThat(page.rows())
        .extracting(PlannerPage.Row::sku)
        .containsExactly("90513081", "B-100", "C-200", "D-300", "F-500", ODD_SKU, "E-400", "G-600");
    assertThat(page.rows()).extracting(PlannerPage.Row::orderNow)
        .containsExactly(true, true, true, true, true, true, false, false);
    PlannerPage.Row first = page.rows().get(0);
    assertThat(first.supplier()).isEqualTo("Orgenics, Ltd");
    assertThat(first.description()).isEqualTo("part 90513081");
    assertThat(first.leadTime()).isEqualTo(103.2);
    assertThat(first.reviewDays()).isEqualTo(14.0);
    assertThat(first.value()).isEqualTo(550.0);
    // 1.5 a month over 103.19 days (3.39 months): 5.09 units
    assertThat(first.leadTimeDemand()).isEqualTo(5.09);
    // 9 units at 1.5 a month: 182.6 days, whatever the lead time and review period
    assertThat(first.daysOfCover()).isEqualTo(182.6);
    assertThat(first.reasonKinds()).containsExactly("below order-up-to level at review");
    assertThat(page.rows().get(5).supplier()).isEqualTo(ODD_SUPPLIER);
    // G-600 has no demand: no days of cover, no lead-time demand above 0
    PlannerPage.Row g600 = page.rows().get(7);
    assertThat(g600.daysOfCover()).isNull();
    assertThat(g600.leadTimeDemand()).isZero();
    assertThat(page.currency()).isEqualTo("EUR ");
    assertThat(page.period()).isEqualTo("month");
    assertThat(page.rowsLeftOut()).isZero();
    // the largest forecast value: B-100 (30 x 12 x 2.5 = 900), E-400 (480), C-200 (360)
    assertThat(page.top().stream().map(id -> page.rows().get(id).sku()))
        .containsExactly("B-100", "E-400", "C-200");
  }

  @Test
  void givenDatedOpenOrders_whenRead_thenProjectedOnHandRisesOnTheirDays() throws Exception {
    PlannerPage.Panel b100 = read().panels().get(1);

    assertThat(b100.ordersDated()).isTrue();
    @SuppressWarnings("unchecked")
    List<List<Double>> onHand = (List<List<Double>>) b100.projection().get("onHand");
    assertThat(onHand.stream().map(p -> p.get(0)).toList()).containsSubsequence(20.0, 20.0, 50.0, 50.0);
    assertThat(b100.projection().get("days")).isEqualTo(60.0);
    assertThat(b100.projection().get("leadTime")).isEqualTo(60.0);
  }

  @Test
  void givenOpenOrdersThatDoNotAddUpToTheRunsOnOrder_whenRead_thenShownAsArrivedOnDayZero()
      throws Exception {
    run(dsl -> dsl.execute("update erp_purchase_orders set quantity = 1 where po_id = 'PO-1'"));

    PlannerPage.Panel b100 = read().panels().get(1);

    assertThat(b100.ordersDated()).isFalse();
    @SuppressWarnings("unchecked")
    List<List<Double>> onHand = (List<List<Double>>) b100.projection().get("onHand");
    assertThat(onHand.get(0)).containsExactly(0.0, 50.0); // 20 on hand + 30 on order
  }

  @Test
  void givenHistoryWithAnEmptyAndANonFiniteMonth_whenFilled_thenZeroAndAGap() {
    java.util.TreeMap<java.time.LocalDate, Double> sales = new java.util.TreeMap<>();
    java.time.LocalDate origin = java.time.LocalDate.of(2025, 4, 1);
    sales.put(java.time.LocalDate.of(2025, 1, 1), 5.0);
    sales.put(java.time.LocalDate.of(2025, 3, 1), Double.POSITIVE_INFINITY);

    PlannerPage.History history = PlannerPage.fill(sales, origin, PeriodType.MONTH);

    assertThat(history.units()).containsExactly(5.0, 0.0, null);
  }

  @Test
  void givenNoExplanationTables_whenRead_thenNoneListedAndPanelsWithoutThem() throws Exception {
    run(PlannerPageFixture::dropForecastExplanations); // a warehouse of an older version
    PlannerPage page = read();

    assertThat(page.explanationTables()).isEmpty();
    assertThat(page.panels()).allSatisfy(p -> assertThat(p.explanations()).isEmpty());
  }

  @Test
  void givenExplanationTables_whenRead_thenEachSeriesGetsItsRowsInTheTablesOwnColumns()
      throws Exception {
    run(PlannerPageFixture::seedForecastExplanations);
    run(dsl -> {
      dsl.execute("create table order_explanations (run_id varchar, sku varchar,"
          + " location varchar, demand_mean double, moq_applied boolean, service_source varchar)");
      dsl.execute("insert into order_explanations values (?, 'B-100', 'DC1', 60.5, true, 'class A'),"
          + " ('other-run', 'B-100', 'DC1', 1, false, 'run')", RUN);
    });

    PlannerPage page = read();

    assertThat(page.explanationTables()).containsExactly("forecast_explanations", "order_explanations");
    PlannerPage.Explanation forecast = page.panels().get(0).explanations().get("forecast_explanations");
    assertThat(forecast.columns())
        .containsExactly("period_start", "horizon", "model", "component", "value", "weight");
    assertThat(forecast.rows()).hasSize(6);
    assertThat(forecast.rows().get(0).subList(1, 6)).containsExactly(1, "ets", "level", 1.2, 1.0);
    assertThat(forecast.omitted()).isZero();
    PlannerPage.Explanation order = page.panels().get(1).explanations().get("order_explanations");
    assertThat(order.rows()).containsExactly(List.of(60.5, true, "class A"));
    assertThat(page.panels().get(2).explanations()).isEmpty();
  }

  @Test
  void givenNoItemsTable_whenRead_thenRowsWithoutSupplier() throws Exception {
    run(dsl -> dsl.execute("drop table erp_items"));

    PlannerPage page = read();

    assertThat(page.rows()).hasSize(8).allSatisfy(r -> assertThat(r.supplier()).isNull());
  }

  @Test
  void givenPage_whenJson_thenCompactRowsAndNoMarkupThatCouldEndTheScript() throws Exception {
    PlannerPage page = read();

    String json = page.json();
    assertThat(json).doesNotContain("<").contains("\\u003c").doesNotContain(".0,");
    JsonNode tree = new ObjectMapper().readTree(json);
    assertThat(tree.path("rowFields").get(1).asText()).isEqualTo("sku");
    assertThat(tree.path("rows").get(5).get(1).asText()).isEqualTo(ODD_SKU);
    assertThat(tree.path("rows").get(0).get(tree.path("rowFields").size() - 1).asBoolean()).isTrue();
    assertThat(tree.path("rows")).hasSize(8);
    assertThat(tree.path("panels")).hasSize(8);
    // the recommendation's columns the page shows nowhere else, in the panel's "more"
    assertThat(tree.path("moreColumns").toString())
        .contains("\"eoq\"").contains("\"order_quantity\"").doesNotContain("\"sku\"");
  }

  @Test
  void givenReasons_whenKinds_thenEachPartUpToItsColonWithoutNumbers() {
    assertThat(PlannerPage.reasonKinds(
            "below reorder point: order 36 units; MOQ raised the order; rounded up to case pack of 12"))
        .containsExactly("below reorder point", "MOQ raised the order", "rounded up to case pack");
    assertThat(PlannerPage.reasonKinds("on hand quarantined: 3 temperature readings outside 2-8 C"
            + " at PLANT4 from 2002-01-01 to 2002-01-03; below reorder point: order 5 units;"
            + " capped by shelf life of 30 days; one case pack exceeds demand over shelf life:"
            + " expiry risk"))
        .containsExactly("on hand quarantined", "below reorder point", "capped by shelf life",
            "one case pack exceeds demand over shelf life");
    assertThat(PlannerPage.reasonKinds("cut by 12 units to fit PLANT01")).containsExactly("cut");
    assertThat(PlannerPage.reasonKinds(null)).isEmpty();
  }

  @Test
  void givenPage_whenItsTermsLookedUp_thenEveryColumnFactAndTermIsInTheGlossary() {
    List<String> fields =
        Arrays.stream(PlannerPage.Row.class.getRecordComponents()).map(RecordComponent::getName).toList();
    ReportHtml.COLUMNS.forEach(c -> assertThat(fields).as("column %s", c.title()).contains(c.field()));
    ReportHtml.FACTS.forEach(f -> assertThat(fields).as("fact %s", f.label()).contains(f.field()));
    assertThat(Glossary.BY_TERM.keySet()).containsAll(ReportHtml.termsUsed());
    assertThat(Glossary.BY_TERM.keySet())
        .contains("combination", "seasonal naive", "fill rate", "item mean fill rate",
            "safety stock", "reorder point", "p10, p50, p90", "days of cover", "lead-time demand");
    assertThat(Glossary.id("p10, p50, p90")).isEqualTo("p10-p50-p90");
  }

  private PlannerPage read() throws Exception {
    try (Connection connection = warehouse.connect()) {
      return PlannerPage.read(
          DuckDbWarehouse.dsl(connection), RUN, PeriodType.MONTH, new ReportFormat("EUR"), 3);
    }
  }

  private void run(Consumer<DSLContext> change) throws Exception {
    try (Connection connection = warehouse.connect()) {
      change.accept(DuckDbWarehouse.dsl(connection));
    }
  }
}
