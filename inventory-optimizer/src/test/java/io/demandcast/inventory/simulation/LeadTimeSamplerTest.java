package io.demandcast.inventory.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.inventory.LeadTime;
import java.util.function.DoubleSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The lead-time samplers draw from the distributions they name, reproducibly. */
class LeadTimeSamplerTest {
  private static final int DRAWS = 200_000;

  @Test
  void givenGammaMeanAndSd_whenSampling_thenMomentsMatch() {
    // Standard error of the mean: 2 / √200000 = 0.0045; of the sd: about sd · √((κ + 2) / 4n) with
    // excess kurtosis κ = 6 / shape = 0.96, i.e. 0.0039. Tolerances 0.03 (~7 standard errors).
    DoubleSupplier draws = LeadTimeSampler.gamma(5, 2).bind(RandomSource.SPLIT_MIX_64.create(3L));
    double sum = 0;
    double sumSquares = 0;
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < DRAWS; i++) {
      double x = draws.getAsDouble();
      sum += x;
      sumSquares += x * x;
      min = Math.min(min, x);
    }
    double mean = sum / DRAWS;
    double sd = Math.sqrt(sumSquares / DRAWS - mean * mean);
    assertThat(mean).isCloseTo(5.0, within(0.03));
    assertThat(sd).isCloseTo(2.0, within(0.03));
    assertThat(min).isPositive();
  }

  @Test
  void givenGammaSampler_whenBoundToSameSeed_thenSameDrawsAndOtherSeedDiffers() {
    LeadTimeSampler gamma = LeadTimeSampler.gamma(8, 3);
    DoubleSupplier first = gamma.bind(RandomSource.SPLIT_MIX_64.create(99L));
    DoubleSupplier again = gamma.bind(RandomSource.SPLIT_MIX_64.create(99L));
    DoubleSupplier other = gamma.bind(RandomSource.SPLIT_MIX_64.create(100L));
    int differing = 0;
    for (int i = 0; i < 100; i++) {
      double x = first.getAsDouble();
      assertThat(again.getAsDouble()).isEqualTo(x);
      if (other.getAsDouble() != x) {
        differing++;
      }
    }
    assertThat(differing).isEqualTo(100);
    // The unbound draw uses the same distribution.
    assertThat(gamma.sample(RandomSource.SPLIT_MIX_64.create(1L))).isPositive();
  }

  @Test
  void givenZeroSd_whenCreatingGamma_thenFixed() {
    assertThat(LeadTimeSampler.gamma(6, 0)).isEqualTo(LeadTimeSampler.fixed(6));
    assertThat(LeadTimeSampler.of(new LeadTime(6, 0, "test"))).isEqualTo(LeadTimeSampler.fixed(6));
    assertThat(LeadTimeSampler.fixed(6).sample(RandomSource.SPLIT_MIX_64.create(1L))).isEqualTo(6);
  }

  @Test
  void givenObservedLeadTimes_whenResampling_thenOnlyObservedValuesWithTheirFrequencies() {
    // {2, 2, 5, 9}: 2 with probability 1/2, 5 and 9 with 1/4. Binomial standard error of a
    // frequency over 200 000 draws is at most 0.0011; tolerance 0.006.
    LeadTimeSampler empirical = LeadTimeSampler.empirical(new double[] {2, 2, 5, 9});
    UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(5L);
    int twos = 0;
    int fives = 0;
    int nines = 0;
    for (int i = 0; i < DRAWS; i++) {
      double x = empirical.sample(rng);
      if (x == 2) {
        twos++;
      } else if (x == 5) {
        fives++;
      } else if (x == 9) {
        nines++;
      }
    }
    assertThat(twos + fives + nines).isEqualTo(DRAWS);
    assertThat(twos / (double) DRAWS).isCloseTo(0.5, within(0.006));
    assertThat(fives / (double) DRAWS).isCloseTo(0.25, within(0.006));
    assertThat(nines / (double) DRAWS).isCloseTo(0.25, within(0.006));
  }

  @Test
  void givenObservedArray_whenCallerChangesIt_thenSamplerIsUnaffected() {
    double[] observed = {3, 3, 3};
    LeadTimeSampler empirical = LeadTimeSampler.empirical(observed);
    observed[0] = 100;
    observed[1] = 100;
    observed[2] = 100;
    UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(1L);
    for (int i = 0; i < 20; i++) {
      assertThat(empirical.sample(rng)).isEqualTo(3);
    }
  }
}
