package io.demandcast.connectors.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticDatasetTest {
  private static final int SERIES = 4000;
  private static final int WEEKS = 156;
  private static SyntheticDataset data;

  @BeforeAll
  static void generate() {
    data = new SyntheticDataset(SERIES, WEEKS, 7);
  }

  private static List<Object[]> rows(SyntheticDataset d, TableSchema table) {
    return StreamSupport.stream(d.rows(table).spliterator(), false).toList();
  }

  private static int col(TableSchema table, String column) {
    return table.columnNames().indexOf(column);
  }

  @Test
  void givenSameSeed_whenGeneratedTwice_thenEveryTableIsEqualRowForRow() {
    SyntheticDataset again = new SyntheticDataset(300, 60, 11);
    SyntheticDataset other = new SyntheticDataset(300, 60, 12);
    for (TableSchema table : CanonicalTables.SOURCES) {
      List<Object[]> first = rows(again, table);
      List<Object[]> second = rows(new SyntheticDataset(300, 60, 11), table);
      assertThat(second).as(table.name()).hasSameSizeAs(first);
      for (int i = 0; i < first.size(); i++) {
        assertThat(second.get(i)).as(table.name() + " row " + i).containsExactly(first.get(i));
      }
      // iterating the same Iterable again gives the same rows too
      assertThat(rows(again, table)).hasSameSizeAs(first);
    }
    List<Object[]> sales = rows(again, CanonicalTables.ERP_SALES);
    List<Object[]> otherSales = rows(other, CanonicalTables.ERP_SALES);
    assertThat(otherSales.size()).isNotEqualTo(sales.size());
  }

  @Test
  void givenManySkus_whenGenerated_thenThePatternMixIsTheDocumentedOne() {
    Map<SyntheticDataset.Pattern, Integer> counts = new EnumMap<>(SyntheticDataset.Pattern.class);
    for (int i = 0; i < SERIES; i++) {
      counts.merge(data.sku(i).pattern(), 1, Integer::sum);
    }
    // binomial sd at n = 4000 is at most 0.8 percentage points; 3 points is ~4 sd
    assertThat(counts.get(SyntheticDataset.Pattern.SMOOTH) / (double) SERIES).isCloseTo(0.35, within(0.03));
    assertThat(counts.get(SyntheticDataset.Pattern.SEASONAL) / (double) SERIES).isCloseTo(0.25, within(0.03));
    assertThat(counts.get(SyntheticDataset.Pattern.TRENDING) / (double) SERIES).isCloseTo(0.15, within(0.03));
    assertThat(counts.get(SyntheticDataset.Pattern.INTERMITTENT) / (double) SERIES)
        .isCloseTo(0.25, within(0.03));
  }

  @Test
  void givenSales_whenRead_thenOneRowPerSkuAndWeekWithASale_onMondays_endingInTheLastWeek() {
    TableSchema t = CanonicalTables.ERP_SALES;
    LocalDate first = SyntheticDataset.LAST_WEEK.minusWeeks(WEEKS - 1L);
    Set<String> keys = new HashSet<>();
    LocalDate latest = LocalDate.MIN;
    for (Object[] row : rows(data, t)) {
      LocalDate date = (LocalDate) row[col(t, "date")];
      assertThat(date.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
      assertThat(date).isBetween(first, SyntheticDataset.LAST_WEEK);
      assertThat((Double) row[col(t, "quantity")]).isPositive();
      assertThat((Double) row[col(t, "quantity")] % 1).isZero();
      assertThat(keys.add(row[0] + "|" + date)).as("duplicate sale row").isTrue();
      latest = date.isAfter(latest) ? date : latest;
    }
    assertThat(latest).isEqualTo(SyntheticDataset.LAST_WEEK);
    assertThat(SyntheticDataset.SNAPSHOT_DATE.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
  }

  @Test
  void givenSmoothSkus_whenWeeklyDemandIsPooled_thenMeanAndVarianceAreNegativeBinomial() {
    // an NB(size 8) count with mean mu has variance mu + mu^2 / 8 (a Poisson draw whose mean is
    // gamma with shape 8); the standardised residuals over all smooth SKUs and weeks then have
    // mean 0 and variance 1
    double sum = 0;
    double sumSquares = 0;
    long n = 0;
    for (int i = 0; i < SERIES; i++) {
      SyntheticDataset.Sku sku = data.sku(i);
      if (sku.pattern() != SyntheticDataset.Pattern.SMOOTH) {
        continue;
      }
      double[] units = sku.demand();
      for (int week = 0; week < units.length; week++) {
        double mu = sku.expected(week);
        double z = (units[week] - mu) / Math.sqrt(mu + mu * mu / 8);
        sum += z;
        sumSquares += z * z;
        n++;
      }
    }
    double mean = sum / n;
    assertThat(n).isGreaterThan(150_000);
    assertThat(mean).isCloseTo(0, within(0.02));
    assertThat(sumSquares / n - mean * mean).isCloseTo(1, within(0.05));
  }

  @Test
  void givenIntermittentSkus_whenCounted_thenTheShareOfWeeksWithASaleMatchesTheirExpectation() {
    double weeksWithSale = 0;
    double expectedUnits = 0;
    double units = 0;
    for (int i = 0; i < SERIES; i++) {
      SyntheticDataset.Sku sku = data.sku(i);
      if (sku.pattern() != SyntheticDataset.Pattern.INTERMITTENT) {
        continue;
      }
      for (double u : sku.demand()) {
        weeksWithSale += u > 0 ? 1 : 0;
        units += u;
      }
      expectedUnits += sku.expected(0) * WEEKS;
    }
    assertThat(units / expectedUnits).isCloseTo(1, within(0.03));
    // p is uniform in 0.05..0.4: on average 22.5% of the weeks have a sale
    double intermittent = 0.25 * SERIES * WEEKS;
    assertThat(weeksWithSale / intermittent).isCloseTo(0.225, within(0.02));
  }

  @Test
  void givenSeasonalSkus_whenDemandIsAveragedByWeekOfYear_thenItFollowsTheirSine() {
    // correlation of the realised demand with the expected seasonal curve, pooled over SKUs
    double correlationSum = 0;
    int skus = 0;
    for (int i = 0; i < SERIES && skus < 200; i++) {
      SyntheticDataset.Sku sku = data.sku(i);
      if (sku.pattern() != SyntheticDataset.Pattern.SEASONAL || sku.expected(0) < 20) {
        continue;
      }
      double[] units = sku.demand();
      double[] expected = new double[WEEKS];
      for (int t = 0; t < WEEKS; t++) {
        expected[t] = sku.expected(t);
      }
      correlationSum += correlation(units, expected);
      skus++;
    }
    assertThat(skus).isEqualTo(200);
    assertThat(correlationSum / skus).isGreaterThan(0.5);
  }

  @Test
  void givenItemsStockAndOrders_whenRead_thenEverySkuHasOneItemAndOneSnapshotAndOrdersForAQuarter() {
    List<Object[]> items = rows(data, CanonicalTables.ERP_ITEMS);
    List<Object[]> stock = rows(data, CanonicalTables.ERP_INVENTORY);
    List<Object[]> orders = rows(data, CanonicalTables.ERP_PURCHASE_ORDERS);
    assertThat(items).hasSize(SERIES);
    assertThat(stock).hasSize(SERIES);
    assertThat(items.stream().map(r -> r[0]).distinct().count()).isEqualTo(SERIES);
    assertThat(orders.size() / (double) SERIES).isCloseTo(0.25, within(0.03));
    TableSchema inv = CanonicalTables.ERP_INVENTORY;
    Map<String, String> locationOf = new HashMap<>();
    for (int i = 0; i < SERIES; i++) {
      locationOf.put(data.sku(i).id(), data.sku(i).location());
    }
    for (Object[] row : stock) {
      assertThat(row[col(inv, "snapshot_date")]).isEqualTo(SyntheticDataset.SNAPSHOT_DATE);
      assertThat(row[col(inv, "location")]).isEqualTo(locationOf.get((String) row[0]));
      assertThat((Double) row[col(inv, "on_hand")]).isNotNegative();
    }
    TableSchema po = CanonicalTables.ERP_PURCHASE_ORDERS;
    for (Object[] row : orders) {
      assertThat((LocalDate) row[col(po, "expected_date")])
          .isAfterOrEqualTo((LocalDate) row[col(po, "order_date")]);
      assertThat(row[col(po, "status")]).isEqualTo("open");
    }
    TableSchema it = CanonicalTables.ERP_ITEMS;
    long reviewed = items.stream().filter(r -> r[col(it, "review_period_days")] != null).count();
    assertThat(reviewed / (double) SERIES).isCloseTo(1 / 3.0, within(0.03));
    assertThat(items.stream().map(r -> (String) r[col(it, "category")]).distinct().count())
        .isEqualTo(SyntheticDataset.CATEGORIES);
  }

  @Test
  void givenItems_whenTheirLanesAreLookedUp_thenEachIsARealScmsLaneWithEnoughShipments() {
    TableSchema sh = CanonicalTables.LOGISTICS_SHIPMENTS;
    Map<String, Integer> perLane = new HashMap<>();
    for (Object[] row : rows(data, sh)) {
      if (row[col(sh, "ship_date")] != null && row[col(sh, "mode")] != null) {
        perLane.merge(row[col(sh, "supplier")] + "|" + row[col(sh, "mode")], 1, Integer::sum);
      }
    }
    TableSchema it = CanonicalTables.ERP_ITEMS;
    List<String> lanes = new ArrayList<>();
    for (Object[] row : rows(data, it)) {
      lanes.add(row[col(it, "supplier")] + "|" + row[col(it, "ship_mode")]);
    }
    assertThat(lanes).allSatisfy(
        lane -> assertThat(perLane.getOrDefault(lane, 0))
            .as(lane).isGreaterThanOrEqualTo(DemoDataset.MIN_LANE_SHIPMENTS));
    assertThat(lanes.stream().distinct().count()).isGreaterThan(3);
  }

  @Test
  void givenDailySales_whenRead_thenOneRowPerSkuAndDayWithASale_endingOnTheSnapshot() {
    SyntheticDataset daily =
        new SyntheticDataset(300, 60, 11, SyntheticDataset.Granularity.DAY);
    TableSchema t = CanonicalTables.ERP_SALES;
    LocalDate first = SyntheticDataset.LAST_WEEK.minusWeeks(59);
    assertThat(daily.periods()).isEqualTo(420);
    assertThat(daily.day(0)).isEqualTo(first);
    assertThat(daily.day(419)).isEqualTo(SyntheticDataset.SNAPSHOT_DATE);
    Set<String> keys = new HashSet<>();
    Set<DayOfWeek> weekdays = new HashSet<>();
    LocalDate latest = LocalDate.MIN;
    for (Object[] row : rows(daily, t)) {
      LocalDate date = (LocalDate) row[col(t, "date")];
      assertThat(date).isBetween(first, SyntheticDataset.SNAPSHOT_DATE);
      assertThat((Double) row[col(t, "quantity")]).isPositive();
      assertThat((Double) row[col(t, "quantity")] % 1).isZero();
      assertThat(keys.add(row[0] + "|" + date)).as("duplicate sale row").isTrue();
      weekdays.add(date.getDayOfWeek());
      latest = date.isAfter(latest) ? date : latest;
    }
    assertThat(weekdays).hasSize(7);
    assertThat(latest).isEqualTo(SyntheticDataset.SNAPSHOT_DATE);
    // the same SKUs, patterns and locations as the weekly data of the same seed
    SyntheticDataset weekly = new SyntheticDataset(300, 60, 11);
    for (int i = 0; i < 300; i++) {
      assertThat(daily.sku(i).pattern()).isEqualTo(weekly.sku(i).pattern());
      assertThat(daily.sku(i).location()).isEqualTo(weekly.sku(i).location());
    }
    // and the same tables besides the sales
    assertThat(rows(daily, CanonicalTables.ERP_ITEMS)).hasSameSizeAs(
        rows(weekly, CanonicalTables.ERP_ITEMS));
  }

  @Test
  void givenDailyDemand_whenPooledByWeekday_thenTheWeekdayProfile_andWeeksMatchTheLevel() {
    SyntheticDataset daily =
        new SyntheticDataset(2000, 104, 7, SyntheticDataset.Granularity.DAY);
    double[] byWeekday = new double[7];
    double units = 0;
    double expectedUnits = 0;
    for (int i = 0; i < 2000; i++) {
      SyntheticDataset.Sku sku = daily.sku(i);
      if (sku.pattern() != SyntheticDataset.Pattern.SMOOTH) {
        continue;
      }
      double[] demand = sku.demand();
      assertThat(demand).hasSize(728);
      for (int t = 0; t < demand.length; t++) {
        byWeekday[t % 7] += demand[t];
        units += demand[t];
        expectedUnits += sku.expected(t);
      }
      // a week of expected daily demand is the SKU's weekly level, as in weekly data
      double week = 0;
      for (int t = 0; t < 7; t++) {
        week += sku.expected(t);
      }
      assertThat(week).isCloseTo(data.sku(i).expected(0), within(1e-9 * week));
    }
    assertThat(units / expectedUnits).isCloseTo(1, within(0.02));
    double mean = units / 7;
    // profile Mon..Sun 0.9, 0.9, 0.95, 1.0, 1.15, 1.3, 0.8 (amplitude 1 on average)
    assertThat(byWeekday[5] / mean).isCloseTo(1.3, within(0.03));
    assertThat(byWeekday[6] / mean).isCloseTo(0.8, within(0.03));
    assertThat(byWeekday[0] / mean).isCloseTo(0.9, within(0.03));
  }

  @Test
  void givenDailyIntermittentSkus_whenCounted_thenFewDaysHaveASaleAndUnitsMatchTheirExpectation() {
    SyntheticDataset daily =
        new SyntheticDataset(2000, 104, 7, SyntheticDataset.Granularity.DAY);
    double daysWithSale = 0;
    double days = 0;
    double units = 0;
    double expectedUnits = 0;
    for (int i = 0; i < 2000; i++) {
      SyntheticDataset.Sku sku = daily.sku(i);
      if (sku.pattern() != SyntheticDataset.Pattern.INTERMITTENT) {
        continue;
      }
      double[] demand = sku.demand();
      for (int t = 0; t < demand.length; t++) {
        daysWithSale += demand[t] > 0 ? 1 : 0;
        units += demand[t];
        expectedUnits += sku.expected(t);
        days++;
      }
    }
    assertThat(units / expectedUnits).isCloseTo(1, within(0.03));
    // p / 7 with p uniform in 0.05..0.4: a sale on 3.2% of the days on average
    assertThat(daysWithSale / days).isCloseTo(0.225 / 7, within(0.004));
  }

  @Test
  void givenBadArguments_whenConstructedOrAsked_thenTheErrorNamesTheProblem() {
    assertThatThrownBy(() -> new SyntheticDataset(0, 10, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("series must be >= 1");
    assertThatThrownBy(() -> new SyntheticDataset(10, 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weeks must be >= 1");
    assertThatThrownBy(() -> data.rows(CanonicalTables.DEMAND_FORECASTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("demand_forecasts is not a canonical source table");
    assertThatThrownBy(() -> data.sku(SERIES)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  private static double correlation(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
