package io.demandcast.inventory.classification;

/**
 * The value class of an item: A for the few items carrying most of the annual value, C for the many
 * carrying little (Silver, Pyke &amp; Thomas, 4th ed. (2017), ch. 3). Assigned by {@link
 * AbcAnalysis} or {@link AbcThresholds}.
 */
public enum AbcClass {
  /** The highest-value items, together about the first {@link AbcXyzRules#aShare()} of value. */
  A,
  /** The middle items, up to {@link AbcXyzRules#bShare()} of cumulative value. */
  B,
  /** The remaining low-value items, including items of zero value. */
  C
}
