package io.demandcast.inventory.simulation;

import io.demandcast.inventory.Checks;
import io.demandcast.inventory.LeadTime;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Draws replenishment lead times for the {@link PolicySimulator}: the number of days from placing
 * an order to receiving it. The simulator rounds each draw to whole days (half up, at least 0); see
 * {@link PolicySimulator} for when an order with a lead time of L days is received.
 *
 * <p>Implementations must be immutable and draw only from the random provider they are given, so
 * that a simulation is reproducible from its seed. The samplers of the factory methods are
 * thread-safe; a {@link #bind bound} sampler is not (it belongs to one simulation).
 */
public interface LeadTimeSampler {

  /**
   * Draws one lead time.
   *
   * @param rng the source of randomness; not null
   * @return the lead time in days, finite and {@code >= 0} (not necessarily whole)
   */
  double sample(UniformRandomProvider rng);

  /**
   * A sampler bound to one random provider, for the many draws of one simulation. The default
   * delegates to {@link #sample}; implementations override it when binding saves work per draw.
   *
   * @param rng the source of randomness; not null
   * @return a supplier of lead times in days, drawing from {@code rng}
   */
  default DoubleSupplier bind(UniformRandomProvider rng) {
    Objects.requireNonNull(rng, "rng");
    return () -> sample(rng);
  }

  /**
   * A fixed lead time; consumes no randomness.
   *
   * @param days the lead time in days; finite and {@code >= 0}
   * @return the sampler
   * @throws IllegalArgumentException naming {@code days} and its value when it is negative, NaN or
   *     infinite
   */
  static LeadTimeSampler fixed(double days) {
    return new LeadTimeSamplers.Fixed(days);
  }

  /**
   * A gamma-distributed lead time with the given mean and standard deviation: shape k = mean² /
   * sd², scale θ = sd² / mean (the usual two-moment fit for a positive, right-skewed lead time),
   * sampled with the commons-statistics {@code GammaDistribution} sampler. A standard deviation of
   * 0 gives {@link #fixed fixed(meanDays)}.
   *
   * @param meanDays the mean lead time in days; finite, {@code > 0} when {@code sdDays > 0}, else
   *     {@code >= 0}
   * @param sdDays the standard deviation in days; finite and {@code >= 0}
   * @return the sampler
   * @throws IllegalArgumentException naming the argument and its value when one is out of range
   */
  static LeadTimeSampler gamma(double meanDays, double sdDays) {
    Checks.nonNegative("sdDays", sdDays);
    if (sdDays == 0) {
      return fixed(meanDays);
    }
    Checks.positive("meanDays", meanDays);
    return new LeadTimeSamplers.Gamma(meanDays, sdDays);
  }

  /**
   * The gamma sampler of a planner lead time ({@link #gamma gamma(meanDays, sdDays)}; fixed when
   * the standard deviation is 0).
   *
   * @param leadTime the lead time; not null
   * @return the sampler
   * @throws IllegalArgumentException when the standard deviation is positive and the mean is 0
   */
  static LeadTimeSampler of(LeadTime leadTime) {
    Objects.requireNonNull(leadTime, "leadTime");
    return gamma(leadTime.meanDays(), leadTime.sdDays());
  }

  /**
   * Resamples observed lead times: each draw is one of {@code days}, chosen uniformly at random
   * (the empirical distribution, ties weighted by their count).
   *
   * @param days observed lead times in days, at least one, each finite and {@code >= 0}; copied
   * @return the sampler
   * @throws IllegalArgumentException when {@code days} is empty, or naming the index and value of
   *     the first negative, NaN or infinite element
   * @throws NullPointerException when {@code days} is null
   */
  static LeadTimeSampler empirical(double[] days) {
    return new LeadTimeSamplers.Empirical(days);
  }
}
