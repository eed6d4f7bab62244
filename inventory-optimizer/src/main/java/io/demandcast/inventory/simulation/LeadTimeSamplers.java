package io.demandcast.inventory.simulation;

import io.demandcast.inventory.Checks;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;

/** The implementations behind the factory methods of {@link LeadTimeSampler}. */
final class LeadTimeSamplers {
  private LeadTimeSamplers() {}

  /** A constant lead time. */
  record Fixed(double days) implements LeadTimeSampler {
    Fixed {
      Checks.nonNegative("days", days);
    }

    @Override
    public double sample(UniformRandomProvider rng) {
      return days;
    }

    @Override
    public DoubleSupplier bind(UniformRandomProvider rng) {
      return () -> days;
    }
  }

  /** A gamma lead time fitted to a mean and a standard deviation (both > 0). */
  record Gamma(double meanDays, double sdDays) implements LeadTimeSampler {
    Gamma {
      Checks.positive("meanDays", meanDays);
      Checks.positive("sdDays", sdDays);
    }

    GammaDistribution distribution() {
      double shape = (meanDays / sdDays) * (meanDays / sdDays);
      double scale = sdDays * sdDays / meanDays;
      return GammaDistribution.of(shape, scale);
    }

    @Override
    public double sample(UniformRandomProvider rng) {
      return distribution().createSampler(rng).sample();
    }

    @Override
    public DoubleSupplier bind(UniformRandomProvider rng) {
      ContinuousDistribution.Sampler sampler = distribution().createSampler(rng);
      return sampler::sample;
    }
  }

  /** Uniform resampling of observed lead times. */
  record Empirical(double[] days) implements LeadTimeSampler {
    Empirical {
      Objects.requireNonNull(days, "days");
      if (days.length == 0) {
        throw new IllegalArgumentException(
            "days must hold at least one observed lead time, was empty");
      }
      days = days.clone();
      for (int i = 0; i < days.length; i++) {
        if (!(Double.isFinite(days[i]) && days[i] >= 0)) {
          throw new IllegalArgumentException(
              "days[" + i + "] must be finite and >= 0, was " + days[i]);
        }
      }
    }

    @Override
    public double[] days() {
      return days.clone();
    }

    @Override
    public double sample(UniformRandomProvider rng) {
      return days[rng.nextInt(days.length)];
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Empirical e && Arrays.equals(days, e.days);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(days);
    }

    @Override
    public String toString() {
      return "Empirical[days=" + Arrays.toString(days) + "]";
    }
  }
}
