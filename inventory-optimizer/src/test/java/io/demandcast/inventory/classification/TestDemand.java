package io.demandcast.inventory.classification;

import io.demandcast.inventory.distribution.DemandDistribution;

/** Test-local demand distributions with closed-form loss functions, to work examples by hand. */
final class TestDemand {
  private TestDemand() {}

  /**
   * X ~ Uniform[0, max]: E[(X − y)⁺] = max/2 − y for y ≤ 0, (max − y)² / (2 · max) on [0, max], 0
   * above (∫_y^max (x − y) / max dx).
   */
  static DemandDistribution uniform(double max) {
    return new DemandDistribution() {
      @Override
      public String name() {
        return "uniform(0, " + max + ")";
      }

      @Override
      public double mean() {
        return max / 2;
      }

      @Override
      public double variance() {
        return max * max / 12;
      }

      @Override
      public boolean discrete() {
        return false;
      }

      @Override
      public double cdf(double x) {
        return Math.min(1, Math.max(0, x / max));
      }

      @Override
      public double quantile(double p) {
        return p * max;
      }

      @Override
      public double loss(double y) {
        if (y <= 0) {
          return max / 2 - y;
        }
        return y >= max ? 0 : (max - y) * (max - y) / (2 * max);
      }
    };
  }

  /** X ~ Exponential(mean m): E[(X − y)⁺] = m · e^(−y/m) for y ≥ 0, m − y below. */
  static DemandDistribution exponential(double m) {
    return new DemandDistribution() {
      @Override
      public String name() {
        return "exponential(" + m + ")";
      }

      @Override
      public double mean() {
        return m;
      }

      @Override
      public double variance() {
        return m * m;
      }

      @Override
      public boolean discrete() {
        return false;
      }

      @Override
      public double cdf(double x) {
        return x <= 0 ? 0 : 1 - Math.exp(-x / m);
      }

      @Override
      public double quantile(double p) {
        return -m * Math.log1p(-p);
      }

      @Override
      public double loss(double y) {
        return y <= 0 ? m - y : m * Math.exp(-y / m);
      }
    };
  }
}
