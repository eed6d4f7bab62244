package io.demandcast.inventory.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ValueHistogramTest {
  private static final AbcXyzRules RULES = AbcXyzRules.DEFAULT;

  /**
   * 50 000 annual values, log-normal with ln-scale mean 6 and sd 2 (a spread of about 8 decades),
   * plus 1 000 zeros, seeded.
   */
  private static List<ItemValue> population() {
    SplittableRandom rng = new SplittableRandom(20_240_605L);
    List<ItemValue> items = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      items.add(new ItemValue("sku" + i, Math.exp(6 + 2 * rng.nextGaussian())));
    }
    for (int i = 0; i < 1_000; i++) {
      items.add(new ItemValue("zero" + i, 0));
    }
    return items;
  }

  private static ValueHistogram histogramOf(List<ItemValue> items) {
    ValueHistogram h = new ValueHistogram();
    items.forEach(i -> h.add(i.annualValue()));
    return h;
  }

  @Test
  void givenSameValuesInAnyOrder_whenCompared_thenEqualAndOtherValuesNot() {
    ValueHistogram a = new ValueHistogram().add(5).add(0).add(1234.5);
    ValueHistogram b = new ValueHistogram().add(1234.5).add(5).add(0);
    ValueHistogram c = new ValueHistogram().add(5).add(0).add(1234.6e3);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
    assertThat(new ValueHistogram(10, -6, 12).add(5)).isNotEqualTo(new ValueHistogram().add(5));
  }

  @Test
  void
      givenLogNormalPopulation_whenClassifyingByThresholds_thenAgreesWithExactOutsideBoundaryBins() {
    List<ItemValue> items = population();
    AbcThresholds t = histogramOf(items).thresholds(RULES);
    List<AbcRank> exact = AbcAnalysis.classify(items, RULES);

    double total = 0;
    for (ItemValue i : items) {
      total += i.annualValue();
    }
    int disagreements = 0;
    double exactA = 0;
    double exactAb = 0;
    double thresholdA = 0;
    double thresholdAb = 0;
    for (AbcRank r : exact) {
      double v = r.annualValue();
      AbcClass byCut = t.classify(v);
      if (byCut != r.abc()) {
        disagreements++;
        // Only items inside a boundary bin, and only ever promoted.
        boolean inABin = v >= t.aCut() && v < t.aBinUpper();
        boolean inBBin = v >= t.bCut() && v < t.bBinUpper();
        assertThat(inABin || inBBin).as("%s at %s outside both boundary bins", r.key(), v).isTrue();
        assertThat(byCut.ordinal()).isLessThan(r.abc().ordinal());
      }
      exactA += r.abc() == AbcClass.A ? v : 0;
      exactAb += r.abc() != AbcClass.C ? v : 0;
      thresholdA += byCut == AbcClass.A ? v : 0;
      thresholdAb += byCut != AbcClass.C ? v : 0;
    }
    // Bound: the boundary bins are 1/64 decade = 0.036 in ln-value wide; the ln-normal density
    // (sd 2) is at most 0.2 per ln unit, so each bin holds at most 0.72% of the items and both
    // together at most 1.44%; only part of each bin can disagree.
    assertThat((double) disagreements / items.size()).isLessThan(0.0144);
    assertThat(disagreements).isPositive(); // the boundary bins do hold items of both classes

    // Class value shares: the exact rule reaches 80% / 95%; the cuts reach them too and overshoot
    // by at most the value share of the boundary bin (the bin resolution), itself below 1%.
    assertThat(exactA / total).isGreaterThanOrEqualTo(0.80);
    assertThat(exactAb / total).isGreaterThanOrEqualTo(0.95);
    assertThat(thresholdA / total).isCloseTo(t.aValueShare(), within(1e-9));
    assertThat(thresholdAb / total).isCloseTo(t.abValueShare(), within(1e-9));
    assertThat(t.aValueShare()).isBetween(0.80, 0.80 + t.aBinShare());
    assertThat(t.abValueShare()).isBetween(0.95, 0.95 + t.bBinShare());
    assertThat(t.aValueShare() - exactA / total).isBetween(0.0, t.aBinShare());
    assertThat(t.abValueShare() - exactAb / total).isBetween(0.0, t.bBinShare());
    assertThat(t.aBinShare()).isLessThan(0.01);
    assertThat(t.bBinShare()).isLessThan(0.01);
    // Bins are 10^(1/64) apart.
    assertThat(t.aBinUpper() / t.aCut()).isCloseTo(Math.pow(10, 1.0 / 64), within(1e-12));
  }

  @Test
  void givenOneBinPerDecade_whenComputingThresholds_thenHandWorkedCuts() {
    // Bins [1, 10), [10, 100), [100, 1000). Values total 1000: bin [100, 1000) holds 500 + 300 +
    // 100 = 900 (cumulative .90 >= .80: the A bin, aCut 100), bin [10, 100) holds 50 + 30 + 10 = 90
    // (cumulative .99 >= .95: the B bin, bCut 10). Exact rule: shares before 0, .5, .8, .9, .95,
    // .98
    // ... -> 500 A, 300 A, 100 B, 50 B, 30 C, 10 C, 5 C, 3 C, 2 C. The cuts promote 100 (A bin) and
    // 30, 10 (B bin).
    ValueHistogram h = new ValueHistogram(1, 0, 3);
    double[] values = {500, 300, 100, 50, 30, 10, 5, 3, 2};
    for (double v : values) {
      h.add(v);
    }
    AbcThresholds t = h.thresholds(RULES);
    assertThat(t.aCut()).isCloseTo(100, within(1e-12));
    assertThat(t.aBinUpper()).isCloseTo(1000, within(1e-9));
    assertThat(t.bCut()).isCloseTo(10, within(1e-13));
    assertThat(t.bBinUpper()).isCloseTo(100, within(1e-12));
    assertThat(t.aValueShare()).isCloseTo(0.90, within(1e-15));
    assertThat(t.abValueShare()).isCloseTo(0.99, within(1e-15));
    assertThat(t.aBinShare()).isCloseTo(0.90, within(1e-15));
    assertThat(t.bBinShare()).isCloseTo(0.09, within(1e-15));
    assertThat(List.of(500.0, 300.0, 100.0, 50.0, 30.0, 10.0, 5.0))
        .extracting(t::classify)
        .containsExactly(
            AbcClass.A, AbcClass.A, AbcClass.A, AbcClass.B, AbcClass.B, AbcClass.B, AbcClass.C);
  }

  @Test
  void givenValuesOutsideTheBinnedRange_whenAdding_thenUnderflowAndOverflowBinsKeepThem() {
    // 5e12 is above 1e12 (overflow bin, lower edge 1e12) and holds 5e12 / (5e12 + 1e-7) of the
    // value: aCut = bCut = 1e12.
    ValueHistogram h = new ValueHistogram().add(5e12).add(1e-7).add(0);
    assertThat(h.count()).isEqualTo(3);
    assertThat(h.zeroCount()).isEqualTo(1);
    assertThat(h.totalValue()).isEqualTo(5e12 + 1e-7);
    AbcThresholds t = h.thresholds(RULES);
    assertThat(t.aCut()).isCloseTo(1e12, within(1e-3));
    assertThat(t.bCut()).isEqualTo(t.aCut());
    assertThat(t.aBinUpper()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(t.classify(5e12)).isEqualTo(AbcClass.A);
    assertThat(t.classify(1e-7)).isEqualTo(AbcClass.C);

    // Only tiny values: all in the underflow bin (0, 1e-6), whose lower edge is the smallest
    // double.
    AbcThresholds tiny = new ValueHistogram().add(1e-9).add(2e-9).thresholds(RULES);
    assertThat(tiny.aCut()).isEqualTo(Double.MIN_VALUE);
    assertThat(tiny.classify(1e-9)).isEqualTo(AbcClass.A);
    assertThat(tiny.classify(0)).isEqualTo(AbcClass.C);
  }

  @Test
  void givenNoValue_whenComputingThresholds_thenEveryItemIsC() {
    for (ValueHistogram h : List.of(new ValueHistogram(), new ValueHistogram().add(0).add(0))) {
      AbcThresholds t = h.thresholds(RULES);
      assertThat(t.aCut()).isEqualTo(Double.POSITIVE_INFINITY);
      assertThat(t.classify(1e15)).isEqualTo(AbcClass.C);
      assertThat(t.classify(0)).isEqualTo(AbcClass.C);
    }
  }

  @Test
  void givenPopulationSplitOverWorkers_whenMerging_thenSameAsOneHistogram() {
    List<ItemValue> items = population();
    ValueHistogram whole = histogramOf(items);
    ValueHistogram[] parts = {new ValueHistogram(), new ValueHistogram(), new ValueHistogram()};
    SplittableRandom rng = new SplittableRandom(3);
    for (ItemValue i : items) {
      parts[rng.nextInt(3)].add(i.annualValue());
    }
    ValueHistogram merged = new ValueHistogram().merge(parts[0]).merge(parts[1]).merge(parts[2]);
    assertThat(merged.count()).isEqualTo(whole.count()).isEqualTo(items.size());
    assertThat(merged.zeroCount()).isEqualTo(1_000);
    assertThat(merged.totalValue())
        .isCloseTo(whole.totalValue(), within(1e-9 * whole.totalValue()));
    AbcThresholds a = merged.thresholds(RULES);
    AbcThresholds b = whole.thresholds(RULES);
    assertThat(a.aCut()).isEqualTo(b.aCut());
    assertThat(a.bCut()).isEqualTo(b.bCut());
    assertThat(a.aValueShare()).isCloseTo(b.aValueShare(), within(1e-12));
  }

  @Test
  void givenHistogram_whenSerialized_thenSmallAndEquivalent() throws Exception {
    ValueHistogram h = histogramOf(population());
    byte[] bytes = serialize(h);
    // Only non-empty bins are written (20 bytes each); ~8 decades x 64 bins ≈ 500 bins ≈ 10 KB.
    assertThat(bytes.length).isLessThan(16_000);
    ValueHistogram back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      back = (ValueHistogram) in.readObject();
    }
    assertThat(back.count()).isEqualTo(h.count());
    assertThat(back.zeroCount()).isEqualTo(h.zeroCount());
    assertThat(back.totalValue()).isEqualTo(h.totalValue());
    assertThat(back.thresholds(RULES)).isEqualTo(h.thresholds(RULES));
    // Still usable as an accumulator after deserialization.
    back.add(1.0).merge(new ValueHistogram().add(2.0));
    assertThat(back.count()).isEqualTo(h.count() + 2);
    assertThat(serialize(new ValueHistogram()).length).isLessThan(300);
  }

  private static byte[] serialize(Object o) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }

  @Test
  void givenBadInput_whenAddingOrMerging_thenRejectedNamingValue() {
    ValueHistogram h = new ValueHistogram();
    assertThatThrownBy(() -> h.add(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value must be finite and >= 0, was -1.0");
    assertThatThrownBy(() -> h.add(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value must be finite and >= 0, was NaN");
    assertThatThrownBy(() -> h.add(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value must be finite and >= 0, was Infinity");
    assertThatThrownBy(() -> h.merge(new ValueHistogram(32, -6, 12)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot merge histograms of different layouts: 64 bins per decade from 1e-6 to 1e12"
                + " and 32 bins per decade from 1e-6 to 1e12");
    assertThatThrownBy(() -> new ValueHistogram(0, -6, 12))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("binsPerDecade must be >= 1, was 0");
    assertThatThrownBy(() -> new ValueHistogram(64, 3, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxExponent must be > minExponent (3) and <= 300, was 3");
    assertThatThrownBy(() -> new AbcThresholds(5, 6, 7, 7, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bCut must be > 0 and <= aCut (5.0), was 6.0");
  }

  @Test
  void givenValuesOnAndJustBelowBinEdges_whenClassifying_thenBinAndCutComparisonsAgree() {
    // Each (StrictMath) bin edge between 1 and 10 and the double just below it. log10 of the
    // double just below an edge rounds to the edge's exponent, so a bin taken from log10 alone
    // would put it one bin too high; the histogram must put it below the edge, as classify() does.
    ValueHistogram h = new ValueHistogram();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i <= 64; i++) {
      double edge = StrictMath.pow(10, (double) i / 64);
      values.add(edge);
      values.add(Math.nextDown(edge));
    }
    values.forEach(h::add);
    AbcThresholds t = h.thresholds(RULES);
    // The class value shares recomputed from the cuts alone must equal the histogram's.
    double total = 0;
    double a = 0;
    double ab = 0;
    for (double v : values) {
      total += v;
      a += t.classify(v) == AbcClass.A ? v : 0;
      ab += t.classify(v) != AbcClass.C ? v : 0;
    }
    assertThat(a / total).isCloseTo(t.aValueShare(), within(1e-12));
    assertThat(ab / total).isCloseTo(t.abValueShare(), within(1e-12));
    assertThat(values).contains(t.aCut(), t.bCut());
    assertThat(t.classify(Math.nextDown(t.aCut()))).isNotEqualTo(AbcClass.A);
  }
}
