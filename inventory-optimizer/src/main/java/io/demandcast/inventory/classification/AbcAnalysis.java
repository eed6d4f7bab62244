package io.demandcast.inventory.classification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Exact ABC analysis by annual value (Silver, Pyke &amp; Thomas, <i>Inventory and Production
 * Management in Supply Chains</i>, 4th ed. (2017), ch. 3: rank items by annual dollar usage and
 * split the cumulative-value (Pareto) curve into classes).
 *
 * <p>Rule: sort by annual value descending, ties by key ascending ({@link String#compareTo}), so
 * the result does not depend on input order. Let c<sub>i</sub> be the share of total value held by
 * the items ranked before item i. Item i is A when c<sub>i</sub> {@code <} aShare, else B when
 * c<sub>i</sub> {@code <} bShare, else C. So the item whose value carries the cumulative share
 * across a boundary stays in the higher class, and class A holds at least aShare of the value (A
 * and B together at least bShare). Items of zero value are C (they come after all the value); when
 * the total is zero every item is C.
 *
 * <p>Needs all items in memory (O(n log n)); for populations that are too large, or spread over
 * workers, use {@link ValueHistogram}.
 */
public final class AbcAnalysis {
  private AbcAnalysis() {}

  private static final Comparator<ItemValue> RANKING =
      Comparator.comparingDouble(ItemValue::annualValue).reversed().thenComparing(ItemValue::key);

  /**
   * Classifies items by annual value.
   *
   * @param items the items, keys unique; may be empty
   * @param rules the class boundaries (only aShare and bShare are used)
   * @return one entry per item in rank order (highest value first)
   * @throws IllegalArgumentException naming the key when two items have the same key
   * @throws NullPointerException when items, an item or rules is null
   */
  public static List<AbcRank> classify(Collection<ItemValue> items, AbcXyzRules rules) {
    Objects.requireNonNull(rules, "rules");
    List<ItemValue> sorted = new ArrayList<>(items.size());
    Set<String> keys = new HashSet<>();
    double total = 0;
    for (ItemValue item : items) {
      Objects.requireNonNull(item, "item");
      if (!keys.add(item.key())) {
        throw new IllegalArgumentException("duplicate item key '" + item.key() + "'");
      }
      sorted.add(item);
      total += item.annualValue();
    }
    sorted.sort(RANKING);
    List<AbcRank> ranks = new ArrayList<>(sorted.size());
    double before = 0;
    for (int i = 0; i < sorted.size(); i++) {
      ItemValue item = sorted.get(i);
      double share = total > 0 ? Math.min(1.0, before / total) : 1.0;
      AbcClass abc;
      if (total > 0 && share < rules.aShare()) {
        abc = AbcClass.A;
      } else if (total > 0 && share < rules.bShare()) {
        abc = AbcClass.B;
      } else {
        abc = AbcClass.C;
      }
      ranks.add(new AbcRank(item.key(), item.annualValue(), i + 1, share, abc));
      before += item.annualValue();
    }
    return ranks;
  }

  /**
   * The classes of {@link #classify} by key.
   *
   * @param items as {@link #classify}
   * @param rules as {@link #classify}
   * @return key → class, in rank order
   * @throws IllegalArgumentException as {@link #classify}
   */
  public static Map<String, AbcClass> classes(Collection<ItemValue> items, AbcXyzRules rules) {
    Map<String, AbcClass> classes = new LinkedHashMap<>();
    for (AbcRank rank : classify(items, rules)) {
      classes.put(rank.key(), rank.abc());
    }
    return classes;
  }
}
