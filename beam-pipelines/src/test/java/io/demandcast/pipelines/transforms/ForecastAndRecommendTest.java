package io.demandcast.pipelines.transforms;

import static io.demandcast.connectors.schema.CanonicalTables.DEMAND_FORECASTS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_INVENTORY;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_ITEMS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_PURCHASE_ORDERS;
import static io.demandcast.connectors.schema.CanonicalTables.ERP_SALES;
import static io.demandcast.connectors.schema.CanonicalTables.FORECAST_ACCURACY;
import static io.demandcast.connectors.schema.CanonicalTables.FORECAST_EXPLANATIONS;
import static io.demandcast.connectors.schema.CanonicalTables.INVENTORY_RECOMMENDATIONS;
import static io.demandcast.connectors.schema.CanonicalTables.IOT_READINGS;
import static io.demandcast.connectors.schema.CanonicalTables.LOGISTICS_SHIPMENTS;
import static io.demandcast.connectors.schema.CanonicalTables.POLICY_SIMULATION;
import static io.demandcast.connectors.schema.CanonicalTables.REJECTED_RECORDS;
import static io.demandcast.pipelines.transforms.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.inventory.PolicyType;
import io.demandcast.inventory.ServiceTarget;
import io.demandcast.pipelines.model.InventorySettings;
import io.demandcast.pipelines.model.JobSettings;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole job on a tiny inline fixture with planted bad rows: the good output lacks them, {@code
 * rejected_records} holds each with its reason.
 */
@ExtendWith(TestPipelineExtension.class)
class ForecastAndRecommendTest {
  private static final LocalDateTime STARTED = LocalDateTime.of(2026, 11, 21, 9, 0);
  // a cycle-service-level target, so that the reorder point covers lead-time demand plus a
  // non-negative safety stock whatever the lot size (a fill-rate target may need less than the mean)
  private static final JobSettings SETTINGS =
      JobSettings.defaults("test-run", STARTED)
          .withInventory(
              new io.demandcast.pipelines.model.InventorySettings(
                  io.demandcast.inventory.ServiceTarget.Measure.CYCLE_SERVICE, "",
                  io.demandcast.inventory.PolicyType.S_S, "auto", 12, 12, java.util.Map.of()));
  private static final LocalDate FIRST_MONTH = LocalDate.of(1999, 1, 1);
  private static final int MONTHS = 48; // Jan 1999 .. Dec 2002
  private static final LocalDate SNAPSHOT = LocalDate.of(2002, 12, 31);

  /** Smooth seasonal demand for A: 10 + 5 * (month of year is Nov or Dec). */
  private static double demandA(int month) {
    int moy = (month % 12) + 1;
    return 10 + (moy >= 11 ? 5 : 0);
  }

  /** Intermittent demand for B: 3 units every fourth month. */
  private static double demandB(int month) {
    return month % 4 == 0 ? 3 : 0;
  }

  private static List<Row> sales() {
    List<Row> rows = new ArrayList<>();
    for (int m = 0; m < MONTHS; m++) {
      LocalDate day = FIRST_MONTH.plusMonths(m).plusDays(14);
      rows.add(row(ERP_SALES, "sku", "A", "location", "DC1", "date", day, "quantity", demandA(m)));
      rows.add(row(ERP_SALES, "sku", "B", "location", "DC1", "date", day, "quantity", demandB(m)));
      // D's quantity was not recorded in month 20: D cannot be forecast
      rows.add(row(ERP_SALES, "sku", "D", "location", "DC1", "date", day,
          "quantity", m == 20 ? null : 2.0));
    }
    // two sales rows in one month of A are summed: +1 in the last month
    rows.add(row(ERP_SALES, "sku", "A", "location", "DC1", "date", FIRST_MONTH.plusMonths(MONTHS - 1),
        "quantity", 1.0));
    // planted bad rows
    rows.add(row(ERP_SALES, "sku", "Z", "location", "DC1", "date", FIRST_MONTH, "quantity", 4.0));
    rows.add(row(ERP_SALES, "sku", "A", "location", "DC1", "date", FIRST_MONTH, "quantity", -2.0));
    rows.add(row(ERP_SALES, "sku", "A", "location", null, "date", FIRST_MONTH, "quantity", 1.0));
    return rows;
  }

  private static List<Row> items() {
    return List.of(
        row(ERP_ITEMS, "sku", "A", "unit_cost", 10.0, "holding_cost_rate", 0.25, "order_cost", 50.0,
            "case_pack", 6, "moq", 12.0, "supplier", "S1", "ship_mode", "Air"),
        row(ERP_ITEMS, "sku", "B", "unit_cost", 4.0, "holding_cost_rate", 0.25, "order_cost", 20.0,
            "supplier", "S1", "ship_mode", "Air", "shelf_life_days", 365),
        row(ERP_ITEMS, "sku", "D", "unit_cost", 1.0, "holding_cost_rate", 0.2, "order_cost", 10.0,
            "supplier", "S1", "ship_mode", "Air"),
        // planted: a negative unit cost
        row(ERP_ITEMS, "sku", "C", "unit_cost", -1.0, "holding_cost_rate", 0.2, "order_cost", 10.0));
  }

  private static List<Row> inventory() {
    return List.of(
        row(ERP_INVENTORY, "sku", "A", "location", "DC1", "snapshot_date", SNAPSHOT, "on_hand", 2.0),
        // an older snapshot of A is ignored
        row(ERP_INVENTORY, "sku", "A", "location", "DC1", "snapshot_date", SNAPSHOT.minusDays(30),
            "on_hand", 500.0),
        row(ERP_INVENTORY, "sku", "B", "location", "DC1", "snapshot_date", SNAPSHOT, "on_hand", 100.0),
        // planted: more quarantined than on hand
        row(ERP_INVENTORY, "sku", "D", "location", "DC1", "snapshot_date", SNAPSHOT, "on_hand", 1.0,
            "quarantined", 3.0));
  }

  private static List<Row> purchaseOrders() {
    return List.of(
        row(ERP_PURCHASE_ORDERS, "po_id", "P1", "sku", "A", "location", "DC1", "quantity", 10.0,
            "order_date", SNAPSHOT.minusDays(5), "status", "open"),
        row(ERP_PURCHASE_ORDERS, "po_id", "P2", "sku", "A", "location", "DC1", "quantity", 99.0,
            "order_date", SNAPSHOT.minusDays(50), "received_date", SNAPSHOT.minusDays(20),
            "status", "received"),
        // planted: unknown status
        row(ERP_PURCHASE_ORDERS, "po_id", "P3", "sku", "A", "location", "DC1", "quantity", 5.0,
            "order_date", SNAPSHOT.minusDays(5), "status", "pending"));
  }

  private static List<Row> readings() {
    List<Row> rows = new ArrayList<>();
    LocalDateTime t = SNAPSHOT.minusDays(10).atTime(0, 0);
    for (int h = 0; h < 24; h++) {
      // 4 hours at 35 C: an excursion at DC1 ten days before the snapshot
      double value = h >= 10 && h < 14 ? 35.0 : 20.0;
      rows.add(row(IOT_READINGS, "sensor_id", "s1", "location", "DC1", "ts", t.plusHours(h),
          "metric", "temperature_c", "value", value));
    }
    // planted: no value
    rows.add(row(IOT_READINGS, "sensor_id", "s1", "location", "DC1", "ts", t.plusHours(30),
        "metric", "temperature_c"));
    return rows;
  }

  /** Lead times 20, 22, ..., 42 days on lane S1 x Air: mean 31, sample sd sqrt(52) = 7.2111. */
  private static List<Row> shipments() {
    List<Row> rows = new ArrayList<>(Fixtures.laneShipments());
    // valid, but no lead time: shipped from a distribution centre without a PO date
    rows.add(row(LOGISTICS_SHIPMENTS, "shipment_id", "SH-RDC", "supplier", "RDC", "mode", "Truck",
        "delivered_date", LocalDate.of(2001, 6, 1)));
    // planted: delivered before it was shipped
    rows.add(row(LOGISTICS_SHIPMENTS, "shipment_id", "SH-BAD", "supplier", "S1", "mode", "Air",
        "ship_date", LocalDate.of(2001, 6, 10), "delivered_date", LocalDate.of(2001, 6, 1)));
    return rows;
  }

  private static PCollectionRowTuple sources(TestPipeline pipeline) {
    return sources(pipeline, Map.of(
        ERP_SALES, sales(), ERP_ITEMS, items(), ERP_INVENTORY, inventory(),
        ERP_PURCHASE_ORDERS, purchaseOrders(), IOT_READINGS, readings(),
        LOGISTICS_SHIPMENTS, shipments()));
  }

  private static PCollectionRowTuple sources(
      TestPipeline pipeline, Map<TableSchema, List<Row>> fixture) {
    PCollectionRowTuple tuple = PCollectionRowTuple.empty(pipeline);
    for (var e : fixture.entrySet()) {
      tuple = tuple.and(e.getKey().name(), pipeline.apply("Create" + e.getKey().name(),
          Create.of(e.getValue()).withRowSchema(e.getKey().beamSchema())));
    }
    return tuple;
  }

  private static <T> List<T> list(Iterable<T> rows) {
    return StreamSupport.stream(rows.spliterator(), false).toList();
  }

  @Test
  void givenFixtureWithPlantedBadRows_whenRun_thenBadRowsAreRejectedWithReasons(TestPipeline pipeline) {
    PCollectionRowTuple out = sources(pipeline).apply(new ForecastAndRecommend(SETTINGS));

    PAssert.that(out.get(REJECTED_RECORDS.name())).satisfies(rows -> {
      List<Row> rejected = list(rows);
      Map<String, List<String>> reasons = rejected.stream().collect(Collectors.groupingBy(
          r -> r.getString("source"), Collectors.mapping(r -> r.getString("reason"), Collectors.toList())));
      assertThat(reasons.get("erp_sales")).hasSize(4).anyMatch(r -> r.contains("sku Z is not in erp_items"))
          .anyMatch(r -> r.contains("quantity is negative")).anyMatch(r -> r.contains("location is missing"))
          .anyMatch(r -> r.contains("quantity is missing"));
      assertThat(reasons.get("erp_items")).containsExactly("unit_cost must be > 0, was -1.0");
      assertThat(reasons.get("erp_inventory")).singleElement().asString().contains("quarantined must be between 0 and on_hand");
      assertThat(reasons.get("erp_purchase_orders")).singleElement().asString().contains("'pending'");
      assertThat(reasons.get("iot_readings")).containsExactly("value is missing");
      assertThat(reasons.get("logistics_shipments")).singleElement().asString().contains("lead time would be negative");
      assertThat(rejected).hasSize(9).allSatisfy(r -> {
        assertThat(r.getString("run_id")).isEqualTo("test-run");
        assertThat(r.getString("payload")).startsWith("{").endsWith("}");
        assertThat(r.getLogicalTypeValue("ts", LocalDateTime.class)).isEqualTo(STARTED);
      });
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void givenFixture_whenRun_thenForecastsForEveryCompleteSeriesWithOrderedQuantiles(TestPipeline pipeline) {
    PCollectionRowTuple out = sources(pipeline).apply(new ForecastAndRecommend(SETTINGS));

    PAssert.that(out.get(DEMAND_FORECASTS.name())).satisfies(rows -> {
      List<Row> forecasts = list(rows);
      // A and B: 12 months each; D skipped (a month not recorded); C rejected; Z unknown
      assertThat(forecasts).hasSize(24);
      assertThat(forecasts).extracting(r -> r.getString("sku")).containsOnly("A", "B");
      assertThat(forecasts).allSatisfy(r -> {
        assertThat(r.getDouble("p10")).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(r.getDouble("p50"));
        assertThat(r.getDouble("p50")).isLessThanOrEqualTo(r.getDouble("p90"));
        assertThat(r.getDouble("mean")).isGreaterThanOrEqualTo(0);
      });
      // horizon 1 is Jan 2003, the month after the last sales month (Dec 2002)
      assertThat(forecasts).filteredOn(r -> r.getInt32("horizon") == 1)
          .allSatisfy(r -> assertThat(r.getLogicalTypeValue("period_start", LocalDate.class))
              .isEqualTo(LocalDate.of(2003, 1, 1)));
      // A's demand is a deterministic seasonal pattern over 4 seasons: the seasonal naive forecast is
      // exact for Nov/Dec (15 units) in the backtest, so A's November forecast is 15
      assertThat(forecasts).filteredOn(r -> r.getString("sku").equals("A")
              && r.getLogicalTypeValue("period_start", LocalDate.class).equals(LocalDate.of(2003, 11, 1)))
          .singleElement().satisfies(r -> assertThat(r.getDouble("mean")).isCloseTo(15, org.assertj.core.data.Offset.offset(1.0)));
      return null;
    });

    PAssert.that(out.get(FORECAST_ACCURACY.name())).satisfies(rows -> {
      List<Row> accuracy = list(rows);
      // A is smooth: the three general candidates, seasonal naive and their weighted mean, which
      // is selected and carries the provenance and every member's weight
      List<Row> a = accuracy.stream().filter(r -> r.getString("sku").equals("A")).toList();
      assertThat(a).extracting(r -> r.getString("model"))
          .containsExactly("ets", "theta", "arima", "seasonal_naive", "combination");
      assertThat(a).filteredOn(r -> r.getBoolean("selected")).singleElement().satisfies(r -> {
        assertThat(r.getString("model")).isEqualTo("combination");
        assertThat(r.getString("spec")).startsWith("weighted(");
        assertThat(r.getString("parameters")).startsWith("{\"members\":4.0,")
            .contains("\"weight_ets\":", "\"weight_theta\":", "\"weight_arima\":",
                "\"weight_seasonal_naive\":");
        assertThat(r.getInt32("training_periods")).isEqualTo(48);
        assertThat(r.getString("intervals")).isEqualTo("empirical");
      });
      assertThat(a).filteredOn(r -> !r.getBoolean("selected"))
          .allSatisfy(r -> assertThat(r.getString("spec")).isNull());
      assertThat(accuracy).filteredOn(r -> r.getString("sku").equals("D")).singleElement()
          .satisfies(r -> {
            assertThat(r.getString("model")).isEqualTo("none");
            assertThat(r.getString("failure")).contains("demand not recorded: 1 of 48 periods missing").contains("2000-09-01");
          });
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  /**
   * {@code forecast_explanations}: for every series and period, the components add up to
   * {@code demand_forecasts.mean} within 1e-6; each names its member model and carries the
   * member's weight (the weights of a period add up to 1); A's weighted combination is explained
   * by ETS, Theta, ARIMA and seasonal naive, B's intermittent mean by its five best with equal
   * weights.
   */
  @Test
  void givenFixture_whenRun_thenExplanationsAddUpToEachForecastMean(TestPipeline pipeline) {
    PCollectionRowTuple out = sources(pipeline).apply(new ForecastAndRecommend(SETTINGS));
    PCollection<String> means = out.get(DEMAND_FORECASTS.name()).apply("MeanLines",
        MapElements.into(TypeDescriptors.strings()).via((Row r) -> String.join("|", "mean",
            r.getString("sku"), r.getString("location"),
            r.getLogicalTypeValue("period_start", LocalDate.class).toString(),
            String.valueOf(r.getInt32("horizon")), String.valueOf(r.getDouble("mean")),
            r.getString("model"))));
    PCollection<String> parts = out.get(FORECAST_EXPLANATIONS.name()).apply("PartLines",
        MapElements.into(TypeDescriptors.strings()).via((Row r) -> String.join("|", "part",
            r.getString("sku"), r.getString("location"),
            r.getLogicalTypeValue("period_start", LocalDate.class).toString(),
            String.valueOf(r.getInt32("horizon")), String.valueOf(r.getDouble("value")),
            r.getString("model"), r.getString("component"), String.valueOf(r.getDouble("weight")),
            r.getString("run_id"))));
    PAssert.that(PCollectionList.of(means).and(parts).apply(Flatten.pCollections()))
        .satisfies(lines -> {
          Map<String, Double> mean = new HashMap<>();
          Map<String, Double> sum = new HashMap<>();
          Map<String, Double> weights = new HashMap<>();
          Map<String, java.util.Set<String>> components = new HashMap<>();
          Map<String, Double> memberWeight = new HashMap<>();
          for (String line : lines) {
            String[] f = line.split("\\|");
            String key = f[1] + "@" + f[2] + "@" + f[3] + "@" + f[4];
            if (f[0].equals("mean")) {
              assertThat(mean.put(key, Double.parseDouble(f[5]))).as(key).isNull();
              continue;
            }
            assertThat(f[9]).isEqualTo("test-run");
            sum.merge(key, Double.parseDouble(f[5]), Double::sum);
            components.computeIfAbsent(f[1], k -> new java.util.TreeSet<>())
                .add(f[6] + "." + f[7]);
            if (!f[8].equals("null")) {
              // one weight per member and period, whatever its number of components
              Double before = memberWeight.put(key + "@" + f[6], Double.parseDouble(f[8]));
              if (before == null) {
                weights.merge(key, Double.parseDouble(f[8]), Double::sum);
              } else {
                assertThat(before).isEqualTo(Double.parseDouble(f[8]));
              }
            } else {
              assertThat(f[7]).isEqualTo("floor_at_zero");
            }
          }
          assertThat(mean).hasSize(24);
          assertThat(sum.keySet()).isEqualTo(mean.keySet());
          mean.forEach((key, m) -> {
            assertThat(sum.get(key)).as(key).isCloseTo(m, Offset.offset(1e-6));
            assertThat(weights.get(key)).as(key).isCloseTo(1.0, Offset.offset(1e-9));
          });
          assertThat(components.get("A")).contains("ets.level", "theta.level", "theta.drift",
              "arima.adjusted", "seasonal_naive.last_season");
          memberWeight.forEach((k, w) -> {
            if (k.startsWith("B@")) {
              assertThat(w).as(k).isCloseTo(0.2, Offset.offset(1e-12));
            }
          });
          return null;
        });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void givenFixture_whenRun_thenRecommendationsJoinStockOrdersLeadTimesAndExcursions(TestPipeline pipeline) {
    PCollectionRowTuple out = sources(pipeline).apply(new ForecastAndRecommend(SETTINGS));

    PAssert.that(out.get(INVENTORY_RECOMMENDATIONS.name())).satisfies(rows -> {
      Map<String, Row> bySku = list(rows).stream().collect(Collectors.toMap(r -> r.getString("sku"), r -> r));
      assertThat(bySku).containsOnlyKeys("A", "B");
      Row a = bySku.get("A");
      assertThat(a.getDouble("on_hand")).isEqualTo(2.0); // the latest snapshot, not the older 500
      assertThat(a.getDouble("on_order")).isEqualTo(10.0); // the open PO only
      assertThat(a.getDouble("quarantined")).isZero(); // A has no shelf life
      // lead times 20, 22, ..., 42: mean 31, sample variance 52
      assertThat(a.getDouble("lead_time_mean_days")).isCloseTo(31.0, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(a.getDouble("lead_time_sd_days")).isCloseTo(Math.sqrt(52), org.assertj.core.data.Offset.offset(1e-9));
      assertThat(a.getString("lead_time_basis")).contains("supplier S1, mode Air: 12 shipments");
      assertThat(a.getDouble("inventory_position")).isEqualTo(12.0);
      // A sells 10 in January; over a 31-day lead time (1.02 months) that is 10.2 units, plus safety
      // stock for the lead time's spread: the reorder point is above 12, so order now,
      // in whole cases of 6 and at least the MOQ of 12
      assertThat(a.getDouble("recommended_order_qty")).isGreaterThanOrEqualTo(12);
      assertThat(a.getDouble("recommended_order_qty") % 6).isZero();
      Row b = bySku.get("B");
      assertThat(b.getDouble("quarantined")).isEqualTo(100.0);
      assertThat(b.getString("reason")).contains("on hand quarantined: 4 temperature readings outside 15-27 C at DC1");
      for (Row r : bySku.values()) {
        for (String column : List.of("safety_stock", "reorder_point", "order_up_to", "eoq",
            "recommended_order_qty", "expected_fill_rate")) {
          assertThat(r.getDouble(column)).as(column).isGreaterThanOrEqualTo(0);
        }
        assertThat(r.getDouble("service_level")).isEqualTo(0.95);
      }
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  // ------------------------------------------------------------------ policy simulation

  /**
   * The policy, target and class columns of both outputs as "table sku@location policy measure
   * level abc xyz" lines, so one assertion can compare a series' simulation rows with its
   * recommendation.
   */
  private static PCollection<String> policyLines(PCollectionRowTuple out) {
    PCollection<String> recommended = out.get(INVENTORY_RECOMMENDATIONS.name()).apply(
        "RecommendationLines", MapElements.into(TypeDescriptors.strings()).via((Row r) ->
            String.join(" ", "rec", r.getString("sku") + "@" + r.getString("location"),
                r.getString("policy"), r.getString("service_measure"),
                String.valueOf(r.getDouble("service_level")), r.getString("abc_class"),
                r.getString("xyz_class"))));
    PCollection<String> simulated = out.get(POLICY_SIMULATION.name()).apply(
        "SimulationLines", MapElements.into(TypeDescriptors.strings()).via((Row r) ->
            String.join(" ", "sim", r.getString("sku") + "@" + r.getString("location"),
                r.getString("policy"), r.getString("service_measure"),
                String.valueOf(r.getDouble("service_target")), r.getString("abc_class"),
                r.getString("xyz_class"))));
    return PCollectionList.of(recommended).and(simulated).apply(Flatten.pCollections());
  }

  /**
   * Checks that every series with simulation rows has a recommendation with the same policy,
   * service measure, target and class; returns the number of simulation rows per series.
   */
  private static Map<String, Integer> assertSimulationsMatchRecommendations(
      Iterable<String> lines) {
    Map<String, String> recommendation = new HashMap<>();
    Map<String, List<String>> simulations = new HashMap<>();
    for (String line : lines) {
      String[] parts = line.split(" ", 3);
      if (parts[0].equals("rec")) {
        assertThat(recommendation.put(parts[1], parts[2]))
            .as("recommendations of " + parts[1]).isNull();
      } else {
        simulations.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(parts[2]);
      }
    }
    Map<String, Integer> counts = new HashMap<>();
    simulations.forEach((series, rows) -> {
      assertThat(recommendation).as("recommendation of simulated " + series).containsKey(series);
      assertThat(rows).as(series)
          .allSatisfy(r -> assertThat(r).isEqualTo(recommendation.get(series)));
      counts.put(series, rows.size());
    });
    return counts;
  }

  /** Checks the columns every simulation row must satisfy whatever the series. */
  private static void assertPlausibleSimulation(Row r, String runId) {
    String what = r.getString("sku") + " " + r.getString("model");
    assertThat(r.getString("run_id")).as(what).isEqualTo(runId);
    assertThat(r.getInt32("periods")).as(what).isEqualTo(12);
    assertThat(r.getDouble("forecast_demand")).as(what).isNotNull().isFinite()
        .isGreaterThanOrEqualTo(0.0);
    Double fill = r.getDouble("achieved_fill_rate");
    if (r.getDouble("demand") == 0) {
      assertThat(fill).as(what + " fill rate without demand").isNull();
    } else {
      assertThat(fill).as(what).isNotNull().isBetween(0.0, 1.0);
    }
    Double cycle = r.getDouble("achieved_cycle_service");
    if (cycle != null) {
      assertThat(cycle).as(what).isBetween(0.0, 1.0);
    }
    assertThat(r.getDouble("expected_fill_rate")).as(what).isBetween(0.0, 1.0);
    assertThat(r.getInt32("stockout_periods")).as(what).isBetween(0, 12);
    assertThat(r.getInt32("orders")).as(what).isGreaterThanOrEqualTo(0);
    assertThat(r.getDouble("avg_inventory")).as(what).isGreaterThanOrEqualTo(0);
    assertThat(r.getDouble("holding_cost")).as(what).isGreaterThanOrEqualTo(0);
    assertThat(r.getDouble("ordering_cost")).as(what).isGreaterThanOrEqualTo(0);
    assertThat(r.getDouble("total_cost")).as(what)
        .isCloseTo(r.getDouble("holding_cost") + r.getDouble("ordering_cost"), Offset.offset(1e-9));
    assertThat(r.getDouble("order_up_to")).as(what)
        .isGreaterThanOrEqualTo(r.getDouble("reorder_point"));
  }

  @Test
  void givenFixture_whenRun_thenEachLongSeriesReplaysItsLastYearForItsForecastAndSeasonalNaive(
      TestPipeline pipeline) {
    PCollectionRowTuple out = sources(pipeline).apply(new ForecastAndRecommend(SETTINGS));
    // the held-out year is months 36..47 of the fixture (A's extra unit falls in month 47)
    double demandA = 1;
    double demandB = 0;
    for (int m = MONTHS - 12; m < MONTHS; m++) {
      demandA += demandA(m);
      demandB += demandB(m);
    }
    Map<String, Double> heldOutDemand = Map.of("A", demandA, "B", demandB);

    PAssert.that(out.get(POLICY_SIMULATION.name())).satisfies(rows -> {
      Map<String, List<Row>> bySku = list(rows).stream()
          .collect(Collectors.groupingBy(r -> r.getString("sku")));
      // D has no forecast (a month not recorded), so neither recommendation nor simulation
      assertThat(bySku).containsOnlyKeys("A", "B");
      bySku.forEach((sku, simulations) -> {
        assertThat(simulations).as(sku).hasSize(2);
        assertThat(simulations).as(sku).filteredOn(r -> r.getBoolean("selected")).hasSize(1);
        assertThat(simulations).as(sku).filteredOn(r -> !r.getBoolean("selected")).singleElement()
            .satisfies(r -> assertThat(r.getString("model")).isEqualTo("seasonal_naive"));
        for (Row r : simulations) {
          assertPlausibleSimulation(r, "test-run");
          assertThat(r.getString("location")).isEqualTo("DC1");
          assertThat(r.getInt32("history_periods")).as(sku).isEqualTo(MONTHS - 12);
          // the simulator accumulates demand in floating point: equal up to rounding
          assertThat(r.getDouble("demand")).as(sku)
              .isCloseTo(heldOutDemand.get(sku), Offset.offset(1e-9));
          assertThat(r.getString("policy")).isEqualTo("s_S");
          assertThat(r.getString("service_measure")).isEqualTo("cycle_service");
          assertThat(r.getDouble("service_target")).isEqualTo(0.95);
        }
      });
      return null;
    });
    PAssert.that(policyLines(out)).satisfies(lines -> {
      assertThat(assertSimulationsMatchRecommendations(lines))
          .containsExactlyInAnyOrderEntriesOf(Map.of("A@DC1", 2, "B@DC1", 2));
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  // ------------------------------------------------------------------ targets, classes, policies

  private static final LocalDate CLASS_FIRST_MONTH = LocalDate.of(2000, 1, 1);
  private static final int CLASS_MONTHS = 36; // Jan 2000 .. Dec 2002

  /** Smooth demand of 18..22 units a month (coefficient of variation about 0.07: class X). */
  private static double smooth(int month) {
    return 20 + (month * 7 % 5) - 2;
  }

  /** Unit costs, a decade apart so the ABC classes follow from the 80% / 95% value shares. */
  private static final Map<String, Double> UNIT_COST = new LinkedHashMap<>();

  static {
    UNIT_COST.put("K1", 1000.0); // A
    UNIT_COST.put("K2", 1000.0); // A, own service level 0.85
    UNIT_COST.put("K3", 100.0); // B
    UNIT_COST.put("K4", 10.0); // C
    UNIT_COST.put("K5", 1.0); // C, reviewed every 14 days
    UNIT_COST.put("K6", 1.0); // C
    UNIT_COST.put("SHORT", 5.0); // sells in the last 20 months only
    UNIT_COST.put("MID", 5.0); // sells in the last 30 months only
    UNIT_COST.put("ZERO", 5.0); // sells in the first 24 months only
  }

  private static final Map<String, Double> CLASS_LEVELS = Map.of("A", 0.99, "B", 0.9, "C", 0.8);

  private static final JobSettings CLASS_SETTINGS =
      JobSettings.defaults("class-run", STARTED).withInventory(new InventorySettings(
          ServiceTarget.Measure.FILL_RATE, "A=0.99,B=0.9,C=0.8", PolicyType.S_Q, "auto", 12, 12,
          Map.of()));

  private static Map<TableSchema, List<Row>> classFixture() {
    List<Row> sales = new ArrayList<>();
    List<Row> items = new ArrayList<>();
    List<Row> stock = new ArrayList<>();
    for (String sku : UNIT_COST.keySet()) {
      int from = switch (sku) {
        case "SHORT" -> CLASS_MONTHS - 20;
        case "MID" -> CLASS_MONTHS - 30;
        default -> 0;
      };
      for (int m = from; m < CLASS_MONTHS; m++) {
        double quantity = sku.equals("ZERO") ? (m < CLASS_MONTHS - 12 ? 5 : 0) : smooth(m);
        sales.add(row(ERP_SALES, "sku", sku, "location", "DC2",
            "date", CLASS_FIRST_MONTH.plusMonths(m).plusDays(9), "quantity", quantity));
      }
      items.add(row(ERP_ITEMS, "sku", sku, "unit_cost", UNIT_COST.get(sku),
          "holding_cost_rate", 0.25, "order_cost", 40.0, "supplier", "S1", "ship_mode", "Air",
          "review_period_days", sku.equals("K5") ? 14 : null,
          "service_level", sku.equals("K2") ? 0.85 : null));
      stock.add(row(ERP_INVENTORY, "sku", sku, "location", "DC2",
          "snapshot_date", LocalDate.of(2002, 12, 31), "on_hand", 30.0));
    }
    List<Row> orders = List.of(row(ERP_PURCHASE_ORDERS, "po_id", "P9", "sku", "K1",
        "location", "DC2", "quantity", 10.0, "order_date", LocalDate.of(2002, 12, 20),
        "status", "open"));
    return Map.of(ERP_SALES, sales, ERP_ITEMS, items, ERP_INVENTORY, stock,
        ERP_PURCHASE_ORDERS, orders, IOT_READINGS, readings(), LOGISTICS_SHIPMENTS, shipments());
  }

  @Test
  void givenClassTargetsItemTargetsAndReviewPeriods_whenRun_thenBothTablesUseThem(
      TestPipeline pipeline) {
    PCollectionRowTuple out =
        sources(pipeline, classFixture()).apply(new ForecastAndRecommend(CLASS_SETTINGS));

    PAssert.that(out.get(INVENTORY_RECOMMENDATIONS.name())).satisfies(rows -> {
      Map<String, Row> bySku = list(rows).stream()
          .collect(Collectors.toMap(r -> r.getString("sku"), r -> r));
      assertThat(bySku).containsOnlyKeys(UNIT_COST.keySet());
      // ABC by annual value: K1 and K2 hold 94% of it (A), K3 takes it past 95% (B), the rest C
      assertThat(bySku.get("K1").getString("abc_class")).isEqualTo("A");
      assertThat(bySku.get("K2").getString("abc_class")).isEqualTo("A");
      assertThat(bySku.get("K3").getString("abc_class")).isEqualTo("B");
      for (String sku : List.of("K4", "K5", "K6")) {
        assertThat(bySku.get(sku).getString("abc_class")).as(sku).isEqualTo("C");
      }
      assertThat(bySku.get("K1").getString("xyz_class")).isEqualTo("X");
      for (Row r : bySku.values()) {
        String sku = r.getString("sku");
        assertThat(r.getString("service_measure")).as(sku).isEqualTo("fill_rate");
        double expected = sku.equals("K2") ? 0.85 : CLASS_LEVELS.get(r.getString("abc_class"));
        assertThat(r.getDouble("service_level")).as(sku).isEqualTo(expected);
        if (sku.equals("K5")) {
          assertThat(r.getString("policy")).isEqualTo("R_S");
          assertThat(r.getDouble("review_period_days")).isEqualTo(14.0);
          // (R, S): the order-up-to level is the reorder level
          assertThat(r.getDouble("order_up_to")).isEqualTo(r.getDouble("reorder_point"));
        } else {
          assertThat(r.getString("policy")).as(sku).isEqualTo("s_Q");
          assertThat(r.getDouble("review_period_days")).as(sku).isZero();
        }
      }
      return null;
    });

    PAssert.that(out.get(POLICY_SIMULATION.name())).satisfies(rows -> {
      Map<String, List<Row>> bySku = list(rows).stream()
          .collect(Collectors.groupingBy(r -> r.getString("sku")));
      // SHORT: 8 months before the held-out year, fewer than the 12 a simulation needs
      assertThat(bySku).doesNotContainKey("SHORT");
      // MID: 18 months before the held-out year, enough for both forecasts
      assertThat(bySku.get("MID")).hasSize(2).allSatisfy(
          r -> assertThat(r.getInt32("history_periods")).isEqualTo(18));
      double lastYear = 0;
      for (int m = CLASS_MONTHS - 12; m < CLASS_MONTHS; m++) {
        lastYear += smooth(m);
      }
      for (String sku : List.of("K1", "K2", "K3", "K4", "K5", "K6", "ZERO")) {
        assertThat(bySku.get(sku)).as(sku).hasSize(2)
            .extracting(r -> r.getBoolean("selected")).containsExactlyInAnyOrder(true, false);
        for (Row r : bySku.get(sku)) {
          assertPlausibleSimulation(r, "class-run");
          assertThat(r.getInt32("history_periods")).as(sku).isEqualTo(CLASS_MONTHS - 12);
          assertThat(r.getDouble("demand")).as(sku)
              .isCloseTo(sku.equals("ZERO") ? 0 : lastYear, Offset.offset(1e-9));
          assertThat(r.getString("policy")).as(sku).isEqualTo(sku.equals("K5") ? "R_S" : "s_Q");
        }
      }
      assertThat(bySku.get("K2"))
          .allSatisfy(r -> assertThat(r.getDouble("service_target")).isEqualTo(0.85));
      assertThat(bySku.get("K1"))
          .allSatisfy(r -> assertThat(r.getDouble("service_target")).isEqualTo(0.99));
      return null;
    });

    PAssert.that(policyLines(out)).satisfies(lines -> {
      Map<String, Integer> counts = assertSimulationsMatchRecommendations(lines);
      assertThat(counts).doesNotContainKey("SHORT@DC2").containsEntry("MID@DC2", 2)
          .containsEntry("K5@DC2", 2).hasSize(UNIT_COST.size() - 1);
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void givenSimulationOff_whenRun_thenNoSimulationRowsButRecommendations(TestPipeline pipeline) {
    JobSettings off = CLASS_SETTINGS.withInventory(new InventorySettings(
        ServiceTarget.Measure.FILL_RATE, "", PolicyType.S_S, "auto", 0, 12, Map.of()));
    PCollectionRowTuple out =
        sources(pipeline, classFixture()).apply(new ForecastAndRecommend(off));

    PAssert.that(out.get(POLICY_SIMULATION.name())).empty();
    PAssert.that(out.get(INVENTORY_RECOMMENDATIONS.name())).satisfies(rows -> {
      assertThat(list(rows)).hasSize(UNIT_COST.size())
          // no class targets: the run's level, or the item's own
          .allSatisfy(r -> assertThat(r.getDouble("service_level"))
              .isEqualTo(r.getString("sku").equals("K2") ? 0.85 : off.serviceLevel()));
      return null;
    });
    pipeline.run().waitUntilFinish();
  }

  @Test
  void givenLocationCapacityTakenByStock_whenRun_thenOrdersCancelledNamingTheCapacity(
      TestPipeline pipeline) {
    // DC1 holds A's 2 units on hand and 10 on order and B's 100 (quarantined) units: no room left
    JobSettings capped = SETTINGS.withInventory(new InventorySettings(
        ServiceTarget.Measure.CYCLE_SERVICE, "", PolicyType.S_S, "auto", 12, 12,
        Map.of("DC1", 112.0)));
    PCollectionRowTuple out = sources(pipeline).apply(new ForecastAndRecommend(capped));

    PAssert.that(out.get(INVENTORY_RECOMMENDATIONS.name())).satisfies(rows -> {
      Map<String, Row> bySku = list(rows).stream()
          .collect(Collectors.toMap(r -> r.getString("sku"), r -> r));
      assertThat(bySku).containsOnlyKeys("A", "B");
      assertThat(bySku.values()).allSatisfy(r ->
          assertThat(r.getDouble("recommended_order_qty")).as(r.getString("sku")).isZero());
      // uncapped, A orders at least its MOQ of 12 (see the test above)
      assertThat(bySku.get("A").getString("reason"))
          .contains("(order cancelled) to fit DC1 capacity of 112 units");
      return null;
    });
    pipeline.run().waitUntilFinish();
  }
}
