package io.demandcast.inventory.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AbcAnalysisTest {
  private static final AbcXyzRules RULES = AbcXyzRules.DEFAULT;

  @Test
  void givenShareBeforeExactlyOnBoundary_whenClassifying_thenItemStartsTheLowerClass() {
    // Total 100. Shares before each item: 0, .50, .80, .90, .95, .98.
    // A while share before < .80, B while < .95: A A B B C C.
    List<ItemValue> items =
        List.of(
            new ItemValue("s3", 10),
            new ItemValue("s1", 50),
            new ItemValue("s6", 2),
            new ItemValue("s2", 30),
            new ItemValue("s5", 3),
            new ItemValue("s4", 5));
    List<AbcRank> ranks = AbcAnalysis.classify(items, RULES);
    assertThat(ranks).extracting(AbcRank::key).containsExactly("s1", "s2", "s3", "s4", "s5", "s6");
    assertThat(ranks).extracting(AbcRank::rank).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(ranks)
        .extracting(AbcRank::abc)
        .containsExactly(AbcClass.A, AbcClass.A, AbcClass.B, AbcClass.B, AbcClass.C, AbcClass.C);
    assertThat(ranks)
        .extracting(AbcRank::cumulativeShareBefore)
        .containsExactly(0.0, 0.5, 0.8, 0.9, 0.95, 0.98);
  }

  @Test
  void givenItemCrossingBoundary_whenClassifying_thenItStaysInTheHigherClass() {
    // Total 100: 60 (before 0) A; 30 (before .60 < .80, carries the share to .90) still A;
    // 6 (before .90 < .95) B; 4 (before .96) C.
    Map<String, AbcClass> classes =
        AbcAnalysis.classes(
            List.of(
                new ItemValue("a", 60),
                new ItemValue("b", 30),
                new ItemValue("c", 6),
                new ItemValue("d", 4)),
            RULES);
    assertThat(classes)
        .containsExactly(
            Map.entry("a", AbcClass.A),
            Map.entry("b", AbcClass.A),
            Map.entry("c", AbcClass.B),
            Map.entry("d", AbcClass.C));
  }

  @Test
  void givenTiedValues_whenClassifying_thenKeyOrderDecidesWhateverTheInputOrder() {
    // Five equal items of 20: shares before 0, .2, .4, .6, .8 -> the fifth by key ("e") is B.
    List<ItemValue> items = new ArrayList<>();
    for (String k : new String[] {"c", "e", "a", "d", "b"}) {
      items.add(new ItemValue(k, 20));
    }
    for (long seed = 1; seed <= 5; seed++) {
      Collections.shuffle(items, new java.util.Random(seed));
      List<AbcRank> ranks = AbcAnalysis.classify(items, RULES);
      assertThat(ranks).extracting(AbcRank::key).containsExactly("a", "b", "c", "d", "e");
      assertThat(ranks.get(4).abc()).isEqualTo(AbcClass.B);
      assertThat(ranks.subList(0, 4)).allMatch(r -> r.abc() == AbcClass.A);
    }
  }

  @Test
  void givenZeroValues_whenClassifying_thenZerosAreC() {
    Map<String, AbcClass> classes =
        AbcAnalysis.classes(
            List.of(new ItemValue("x", 0), new ItemValue("y", 100), new ItemValue("z", 0)), RULES);
    assertThat(classes)
        .containsExactly(
            Map.entry("y", AbcClass.A), Map.entry("x", AbcClass.C), Map.entry("z", AbcClass.C));
    assertThat(AbcAnalysis.classes(List.of(new ItemValue("x", 0), new ItemValue("y", 0)), RULES))
        .containsValues(AbcClass.C, AbcClass.C);
    assertThat(AbcAnalysis.classify(List.of(), RULES)).isEmpty();
  }

  @Test
  void givenRandomPopulation_whenClassifying_thenClassSharesMeetBoundariesAndOrderIsMonotone() {
    SplittableRandom rng = new SplittableRandom(7);
    List<ItemValue> items = new ArrayList<>();
    double total = 0;
    for (int i = 0; i < 2000; i++) {
      double v = Math.exp(4 + 1.5 * rng.nextGaussian());
      items.add(new ItemValue("k" + i, v));
      total += v;
    }
    List<AbcRank> ranks = AbcAnalysis.classify(items, RULES);
    double a = 0;
    double ab = 0;
    double lastA = Double.NaN;
    for (int i = 0; i < ranks.size(); i++) {
      AbcRank r = ranks.get(i);
      if (i > 0) {
        assertThat(r.annualValue()).isLessThanOrEqualTo(ranks.get(i - 1).annualValue());
        assertThat(r.abc().ordinal()).isGreaterThanOrEqualTo(ranks.get(i - 1).abc().ordinal());
      }
      if (r.abc() == AbcClass.A) {
        a += r.annualValue();
        lastA = r.annualValue();
      }
      if (r.abc() != AbcClass.C) {
        ab += r.annualValue();
      }
    }
    // Class A reaches 80% of value, and dropping its last item would fall below 80%.
    assertThat(a / total).isGreaterThanOrEqualTo(0.80);
    assertThat((a - lastA) / total).isLessThan(0.80);
    assertThat(ab / total).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void givenBadItems_whenClassifying_thenRejectedNamingKeyAndValue() {
    assertThatThrownBy(() -> new ItemValue("sku9", -3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("annualValue of sku9 must be finite and >= 0, was -3.0");
    assertThatThrownBy(() -> new ItemValue("sku9", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("annualValue of sku9 must be finite and >= 0, was NaN");
    assertThatThrownBy(
            () ->
                AbcAnalysis.classify(
                    List.of(new ItemValue("sku1", 3), new ItemValue("sku1", 4)), RULES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicate item key 'sku1'");
  }
}
