/**
 * Lead-time demand distributions for the inventory optimizer: the demand over a protection interval
 * (lead time, or lead time plus review period), in units, with the cdf, quantile and first-order
 * loss function E[(X − y)⁺] that reorder points, order-up-to levels and fill rates are computed
 * from.
 *
 * <p>{@link io.demandcast.inventory.distribution.NormalDemand} (the textbook normal approximation),
 * {@link io.demandcast.inventory.distribution.PoissonDemand} and {@link
 * io.demandcast.inventory.distribution.NegativeBinomialDemand} (discrete, for slow and intermittent
 * items), {@link io.demandcast.inventory.distribution.EmpiricalDemand} (a sample, e.g. the
 * bootstrap of lead-time demand from a demand history). {@link
 * io.demandcast.inventory.distribution.DemandDistributions#fromMoments} picks one from a mean and a
 * variance. Every evaluation is O(1) or O(log n), so 100k SKUs can be planned in seconds.
 *
 * <p>Reference values for the tests come from R (src/test/r/distributions.R).
 */
package io.demandcast.inventory.distribution;
