package io.demandcast.pipelines.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.schema.CanonicalTables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class SalesHistoryTest {
  private static Row sale(String sku, String location, LocalDate date, Double quantity,
      Double price, Boolean promo, String lineage) {
    return Row.withSchema(CanonicalTables.ERP_SALES.beamSchema())
        .addValues(sku, location, date, quantity, price, promo, lineage)
        .build();
  }

  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      rows.add(sale("A", "DC1", LocalDate.of(2025, 1, 6).plusWeeks(i), 1.5 * i,
          i % 3 == 0 ? null : 9.99 + i, i % 3 == 1 ? null : i % 2 == 0,
          i < 5 ? "export 1" : i < 10 ? "export 2" : null));
    }
    return rows;
  }

  @Test
  void givenRowsWithNullsAndRepeatedLineage_whenHeldAndGivenBack_thenEveryValueIsTheSame() {
    SalesHistory history = SalesHistory.of(rows());
    assertThat(history.size()).isEqualTo(11);
    assertThat(history.rows()).containsExactlyElementsOf(rows());
    assertThat(history.date(3)).isEqualTo(LocalDate.of(2025, 1, 27));
    assertThat(history.quantity(4)).isEqualTo(6.0);
  }

  @Test
  void givenTwoPartialHistories_whenMerged_thenTheyHoldEveryRowOfBoth() {
    List<Row> rows = rows();
    SalesHistory first = new SalesHistory();
    SalesHistory second = new SalesHistory();
    for (int i = 0; i < rows.size(); i++) {
      (i % 2 == 0 ? first : second).add(rows.get(i));
    }
    SalesHistory merged = new SalesHistory().merge(first).merge(new SalesHistory()).merge(second);
    assertThat(merged.sku()).isEqualTo("A");
    assertThat(merged.location()).isEqualTo("DC1");
    assertThat(merged.rows()).containsExactlyInAnyOrderElementsOf(rows);
  }

  @Test
  void givenHistory_whenEncodedAndDecoded_thenEqualAndStillGrowable() throws Exception {
    SalesHistory.Coder coder = SalesHistory.Coder.of();
    SalesHistory decoded = CoderUtils.clone(coder, SalesHistory.of(rows()));
    assertThat(decoded.rows()).containsExactlyElementsOf(rows());
    decoded.add(sale("A", "DC1", LocalDate.of(2026, 1, 5), 2.0, null, null, "export 1"));
    assertThat(decoded.size()).isEqualTo(12);
    assertThat(decoded.rows().get(11).getString("lineage")).isEqualTo("export 1");
    SalesHistory empty = CoderUtils.clone(coder, new SalesHistory());
    assertThat(empty.add(rows().get(0)).size()).isEqualTo(1);
  }

  @Test
  void givenHistories_whenCoded_thenTheInferredCoderRoundTripsThemDeterministically()
      throws Exception {
    assertThat(CoderRegistry.createDefault().getCoder(SalesHistory.class))
        .isInstanceOf(SalesHistory.Coder.class);
    SalesHistory.Coder coder = SalesHistory.Coder.of();
    SalesHistory full = SalesHistory.of(rows()); // null prices, promos and lineages
    SalesHistory merged = new SalesHistory().merge(SalesHistory.of(rows().subList(0, 4)))
        .merge(SalesHistory.of(rows().subList(4, 11)));
    SalesHistory unrecorded = SalesHistory.of(List.of(
        sale("B", "DC2", LocalDate.of(2025, 1, 6), Double.NaN, Double.NaN, true, "")));
    for (SalesHistory h : List.of(full, new SalesHistory(), new SalesHistory("C", "DC3"),
        unrecorded)) {
      CoderProperties.coderDecodeEncodeEqual(coder, h);
    }
    // equality is by rows: the SKU and location of an empty history are checked here
    SalesHistory emptyC = CoderUtils.clone(coder, new SalesHistory("C", "DC3"));
    assertThat(emptyC.sku()).isEqualTo("C");
    assertThat(emptyC.location()).isEqualTo("DC3");
    assertThat(CoderUtils.clone(coder, new SalesHistory()).sku()).isNull();
    CoderProperties.coderDeterministic(coder, full, merged);
    CoderProperties.coderSerializable(coder);
  }

  @Test
  void givenRowOfAnotherSeriesOrWithoutQuantity_whenAdded_thenRejectedNamingIt() {
    SalesHistory history = SalesHistory.of(rows());
    assertThatThrownBy(() -> history.add(sale("B", "DC1", LocalDate.of(2025, 1, 6), 1.0, null, null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a sale of B at DC1 added to the history of A at DC1");
    assertThatThrownBy(() -> history.add(sale("A", "DC1", LocalDate.of(2025, 1, 6), null, null, null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without a quantity");
    assertThatThrownBy(() -> history.merge(SalesHistory.of(List.of(
            sale("A", "DC2", LocalDate.of(2025, 1, 6), 1.0, null, null, null)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the history of A at DC2 merged into that of A at DC1");
    assertThatThrownBy(() -> SalesHistory.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> history.date(11)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void givenRows_whenIdentityAndAddFrom_thenIdentityEqualExactlyForEqualRowsAndCopiesExact() {
    LocalDate day = LocalDate.of(2024, 3, 4);
    Row a = sale("A", "DC1", day, 2.0, null, true, "file line 3");
    Row differentPrice = sale("A", "DC1", day, 2.0, 1.5, true, "file line 3");
    Row differentLineage = sale("A", "DC1", day, 2.0, null, true, "file line 4");
    SalesHistory h = SalesHistory.of(List.of(a, a, differentPrice, differentLineage));
    assertThat(h.identity(0)).isEqualTo(h.identity(1));
    assertThat(h.identity(0)).isNotEqualTo(h.identity(2)).isNotEqualTo(h.identity(3));
    SalesHistory copy = new SalesHistory().addFrom(h, 2).addFrom(h, 3);
    assertThat(copy.rows()).containsExactly(differentPrice, differentLineage);
    assertThat(h.row(3)).isEqualTo(differentLineage);
  }
}

