package io.demandcast.connectors.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoDatasetTest {
  private static DemoDataset.Result demo;

  @BeforeAll
  static void read() {
    demo = DemoDataset.read();
  }

  private static List<Object[]> rows(TableSchema table) {
    return demo.tables().get(table);
  }

  private static int col(TableSchema table, String column) {
    return table.columnNames().indexOf(column);
  }

  /** Counts blank cells of carparts.csv by plain line splitting, independently of the loader. */
  private static long[] carpartsCounts() throws IOException {
    long parts = 0;
    long blanks = 0;
    long cells = 0;
    try (BufferedReader in = new BufferedReader(DemoDataset.reader(DemoDataset.CARPARTS))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] cellsOfLine = line.split(",", -1);
        parts++;
        cells += cellsOfLine.length - 1;
        blanks += Arrays.stream(cellsOfLine).skip(1).filter(String::isBlank).count();
      }
    }
    return new long[] {parts, cells, blanks};
  }

  @Test
  void givenCarparts_whenLoaded_thenOneSalesRowPerPartMonthAndBlanksAreNullQuantities()
      throws IOException {
    long[] counts = carpartsCounts();
    assertThat(counts[0]).isEqualTo(2674); // the data README: 2,674 parts
    assertThat(rows(CanonicalTables.ERP_ITEMS)).hasSize(2674);
    assertThat(rows(CanonicalTables.ERP_SALES)).hasSize((int) counts[1]).hasSize(2674 * 51);
    int quantity = col(CanonicalTables.ERP_SALES, "quantity");
    long nulls = rows(CanonicalTables.ERP_SALES).stream().filter(r -> r[quantity] == null).count();
    assertThat(nulls).isEqualTo(counts[2]).isPositive();
  }

  @Test
  void givenCarparts_whenLoaded_thenMonthsRunJan1998ToMar2002() {
    int date = col(CanonicalTables.ERP_SALES, "date");
    List<LocalDate> months =
        rows(CanonicalTables.ERP_SALES).stream().map(r -> (LocalDate) r[date]).distinct().sorted().toList();
    assertThat(months).hasSize(51);
    assertThat(months.get(0)).isEqualTo(LocalDate.of(1998, 1, 1));
    assertThat(months.get(50)).isEqualTo(LocalDate.of(2002, 3, 1));
  }

  @Test
  void givenScms_whenLoaded_thenEveryLineIsLoadedOrRejectedWithItsReason() {
    // 10,324 shipment lines in the file (data README); 'Date Not Captured' cannot give a lead time.
    long rejected = demo.rejected().stream()
        .filter(r -> r.source().startsWith("logistics_shipments")).count();
    assertThat(rows(CanonicalTables.LOGISTICS_SHIPMENTS).size() + rejected).isEqualTo(10324);
    assertThat(demo.rejected())
        .allSatisfy(r -> {
          assertThat(r.reason()).contains("PO Sent to Vendor Date").contains("Date Not Captured");
          assertThat(r.payload()).contains("\"_file\":\"scms_delivery_history.csv.gz\"").contains("\"ID\"");
        });
    assertThat(rejected).isEqualTo(328);
  }

  @Test
  void givenScms_whenLoaded_thenDatesEndOnTheFirstAsOfDayAndLeadTimesAreTheFiles() {
    TableSchema t = CanonicalTables.LOGISTICS_SHIPMENTS;
    LocalDate latest = null;
    for (Object[] r : rows(t)) {
      for (String c : List.of("ship_date", "scheduled_date", "delivered_date")) {
        LocalDate d = (LocalDate) r[col(t, c)];
        latest = d == null || (latest != null && !d.isAfter(latest)) ? latest : d;
      }
    }
    assertThat(latest).isEqualTo(DemoDataset.PREVIOUS_SNAPSHOT_DATE).isEqualTo("2002-02-28");
    // the file's first line with a PO date is ID 47: PO sent 11/13/06, delivered 30-Jan-07, 78
    // days later; the shifted row keeps the 78 days
    Object[] id47 = rows(t).stream().filter(r -> "47".equals(r[col(t, "shipment_id")]))
        .findFirst().orElseThrow();
    assertThat(java.time.temporal.ChronoUnit.DAYS.between((LocalDate) id47[col(t, "ship_date")],
        (LocalDate) id47[col(t, "delivered_date")])).isEqualTo(78);
    assertThat((String) id47[col(t, "lineage")]).contains("dates shifted by -");
    assertThat((LocalDate) id47[col(t, "ship_date")]).isBefore(LocalDate.of(2006, 11, 13));
  }

  @Test
  void givenInventory_whenLoaded_thenTwoSnapshotsPerPartTheEarlierWithTheLastMonthsSales() {
    TableSchema t = CanonicalTables.ERP_INVENTORY;
    assertThat(rows(t)).hasSize(2 * 2674);
    java.util.Map<String, Double> march = new java.util.HashMap<>();
    java.util.Map<String, Double> february = new java.util.HashMap<>();
    for (Object[] r : rows(t)) {
      (DemoDataset.SNAPSHOT_DATE.equals(r[col(t, "snapshot_date")]) ? march : february)
          .put((String) r[col(t, "sku")], (Double) r[col(t, "on_hand")]);
    }
    TableSchema s = CanonicalTables.ERP_SALES;
    for (Object[] sale : rows(s)) {
      if (LocalDate.of(2002, 3, 1).equals(sale[col(s, "date")])) {
        String sku = (String) sale[col(s, "sku")];
        Double sold = (Double) sale[col(s, "quantity")];
        assertThat(february.get(sku)).as(sku)
            .isEqualTo(march.get(sku) + (sold == null ? 0 : sold));
      }
    }
  }

  @Test
  void givenScms_whenLoaded_thenRdcShipmentsHaveNoShipDateAndSayWhy() {
    TableSchema t = CanonicalTables.LOGISTICS_SHIPMENTS;
    List<Object[]> fromRdc = rows(t).stream()
        .filter(r -> "SCMS from RDC".equals(r[col(t, "supplier")])).toList();
    assertThat(fromRdc).hasSize(5404);
    assertThat(fromRdc).allSatisfy(r -> {
      assertThat(r[col(t, "ship_date")]).isNull();
      assertThat((String) r[col(t, "lineage")]).contains("regional distribution centre");
    });
  }

  @Test
  void givenSensor_whenLoaded_thenCelsiusAndLastReadingOnTheSnapshotDay() {
    TableSchema t = CanonicalTables.IOT_READINGS;
    List<Object[]> readings = rows(t);
    assertThat(readings).hasSize(7267); // the data README: 7,267 readings
    LocalDateTime last = readings.stream().map(r -> (LocalDateTime) r[col(t, "ts")])
        .max(LocalDateTime::compareTo).orElseThrow();
    assertThat(last).isEqualTo(DemoDataset.SNAPSHOT_DATE.atTime(15, 0));
    // first reading 69.88083514 F = (69.88083514 - 32) * 5 / 9 = 21.0449 C
    Object[] first = readings.get(0);
    assertThat((double) first[col(t, "value")]).isCloseTo(21.045, org.assertj.core.data.Offset.offset(0.001));
    assertThat(first[col(t, "metric")]).isEqualTo("temperature_c");
  }

  @Test
  void givenSyntheticFields_whenLoaded_thenLineageSaysSyntheticWithTheSeed() {
    String marker = "synthetic (seed " + DemoDataset.SEED + ")";
    for (TableSchema t : List.of(CanonicalTables.ERP_ITEMS, CanonicalTables.ERP_INVENTORY,
        CanonicalTables.ERP_PURCHASE_ORDERS)) {
      assertThat(rows(t)).as(t.name()).isNotEmpty()
          .allSatisfy(r -> assertThat((String) r[col(t, "lineage")]).contains(marker));
    }
  }

  @Test
  void givenTwoReads_whenCompared_thenSyntheticFieldsAreIdentical() {
    DemoDataset.Result again = DemoDataset.read();
    for (TableSchema t : CanonicalTables.SOURCES) {
      List<Object[]> a = demo.tables().get(t);
      List<Object[]> b = again.tables().get(t);
      assertThat(b).as(t.name()).hasSameSizeAs(a);
      for (int i = 0; i < a.size(); i++) {
        assertThat(b.get(i)).as(t.name() + " row " + i).containsExactly(a.get(i));
      }
    }
  }

  @Test
  void givenItems_whenLoaded_thenEconomicsAreValidAndLanesComeFromScms() {
    TableSchema t = CanonicalTables.ERP_ITEMS;
    Map<Object, Long> suppliers = rows(t).stream()
        .collect(Collectors.groupingBy(r -> r[col(t, "supplier")], Collectors.counting()));
    assertThat(suppliers).doesNotContainKey("SCMS from RDC").hasSizeGreaterThan(5);
    assertThat(rows(t)).allSatisfy(r -> {
      assertThat((double) r[col(t, "unit_cost")]).isPositive();
      assertThat((int) r[col(t, "case_pack")]).isPositive();
      assertThat((double) r[col(t, "moq")] % (int) r[col(t, "case_pack")]).isZero();
      assertThat((double) r[col(t, "holding_cost_rate")]).isGreaterThan(0.10);
    });
  }
}
