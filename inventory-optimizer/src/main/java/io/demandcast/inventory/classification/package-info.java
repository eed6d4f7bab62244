/**
 * Item classification and capacity allocation for the inventory optimizer.
 *
 * <ul>
 *   <li>ABC by annual value (usage in units per year × unit cost, currency per year), following the
 *       A-B-C classification of Silver, Pyke &amp; Thomas, <i>Inventory and Production Management
 *       in Supply Chains</i>, 4th ed. (2017), ch. 3: {@link AbcAnalysis} exactly from a list of
 *       values, {@link ValueHistogram} approximately and mergeably for populations too large to
 *       collect.
 *   <li>XYZ by the coefficient of variation of per-period demand ({@link XyzClass}); the cut-offs
 *       0.5 and 1.0 are a common practitioner convention, not a textbook rule.
 *   <li>{@link ClassServiceTargets}: service levels per ABC/XYZ class from a spec such as {@code
 *       "AX=0.99,A=0.98,C=0.9"}.
 *   <li>{@link CapacityAllocator}: when the stock after ordering exceeds a location's capacity,
 *       orders are cut case by case, lowest service-value loss first.
 * </ul>
 */
package io.demandcast.inventory.classification;
