package io.demandcast.forecasting.global;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HistogramTreesTest {

  @Test
  void givenFewDistinctValues_whenBinned_thenOneBinPerValueWithMidpointEdges() {
    HistogramTrees.Binned binned = HistogramTrees.bin(new double[][] {{3, 1, 2, 1, 3}});
    assertThat(binned.edges[0]).containsExactly(1.5, 2.5);
    // codes of 3, 1, 2, 1, 3
    assertThat(binned.codes).containsExactly(2, 0, 1, 0, 2);
  }

  @Test
  void givenManyDistinctValues_whenBinned_thenAtMost255BinsConsistentWithEdges() {
    double[] column = new SplittableRandom(1).doubles(5000).toArray();
    HistogramTrees.Binned binned = HistogramTrees.bin(new double[][] {column});
    assertThat(binned.bins(0)).isLessThanOrEqualTo(HistogramTrees.MAX_BINS).isGreaterThan(200);
    double[] edges = binned.edges[0];
    for (int r = 0; r < column.length; r++) {
      int code = binned.codes[r] & 0xFF;
      // value <= edge of its own bin and > edge of the bin before
      if (code < edges.length) {
        assertThat(column[r]).isLessThanOrEqualTo(edges[code]);
      }
      if (code > 0) {
        assertThat(column[r]).isGreaterThan(edges[code - 1]);
      }
    }
  }

  @Test
  void givenStepFunctionOfOneFeature_whenBoosted_thenRecoversTheStepsFromRawValues() {
    // y = 10 when x1 > 0.5, else 0; x0 is noise. 2000 rows.
    SplittableRandom random = new SplittableRandom(7);
    int n = 2000;
    double[] x0 = random.doubles(n).toArray();
    double[] x1 = random.doubles(n).toArray();
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = x1[i] > 0.5 ? 10.0 : 0.0;
    }
    HistogramTrees.Binned binned = HistogramTrees.bin(new double[][] {x0, x1});
    HistogramTrees.Ensemble model =
        HistogramTrees.boost(
            binned,
            y,
            IntStream.range(0, n).toArray(),
            50,
            0.3,
            1.0,
            new HistogramTrees.Shape(4, 3, 5, 2),
            1L);
    // After 50 steps of 0.3 the residual is 10 * 0.7^50, about 2e-7.
    assertThat(model.predict(new double[] {0.2, 0.9})).isCloseTo(10.0, within(1e-3));
    assertThat(model.predict(new double[] {0.9, 0.1})).isCloseTo(0.0, within(1e-3));
    assertThat(model.trees()[0].leaves()).isEqualTo(2);
  }

  @Test
  void givenSameSeed_whenForestGrownTwiceInParallel_thenIdenticalPredictions() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 3000;
    double[][] x = new double[6][];
    for (int c = 0; c < x.length; c++) {
      x[c] = random.doubles(n).toArray();
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = Math.sin(6 * x[0][i]) + x[1][i] * x[2][i] + 0.1 * random.nextGaussian();
    }
    HistogramTrees.Binned binned = HistogramTrees.bin(x);
    int[] all = IntStream.range(0, n).toArray();
    HistogramTrees.Shape shape = new HistogramTrees.Shape(64, 12, 5, 2);
    HistogramTrees.Ensemble a = HistogramTrees.forest(binned, y, all, 40, 0.5, shape, 11L);
    HistogramTrees.Ensemble b = HistogramTrees.forest(binned, y, all, 40, 0.5, shape, 11L);
    HistogramTrees.Ensemble c = HistogramTrees.forest(binned, y, all, 40, 0.5, shape, 12L);
    double[] probe = {0.3, 0.6, 0.2, 0.5, 0.5, 0.5};
    assertThat(a.predict(probe)).isEqualTo(b.predict(probe)).isNotEqualTo(c.predict(probe));
    // The forest explains most of the variance of the training targets (noise sd 0.1).
    double sse = 0;
    double sst = 0;
    double mean = java.util.Arrays.stream(y).average().orElseThrow();
    double[] row = new double[6];
    for (int i = 0; i < n; i++) {
      for (int col = 0; col < 6; col++) {
        row[col] = x[col][i];
      }
      sse += Math.pow(y[i] - a.predict(row), 2);
      sst += Math.pow(y[i] - mean, 2);
    }
    assertThat(1 - sse / sst).isGreaterThan(0.8);
  }

  /**
   * The exact Shapley values of the tree's cover-weighted conditional expectation, by enumerating
   * every feature subset: phi_i = sum over S without i of |S|! (M - |S| - 1)! / M! (v(S + i) -
   * v(S)).
   */
  private static double[] bruteForceShapley(HistogramTrees.Tree tree, double[] row) {
    int m = row.length;
    double[] phi = new double[m];
    double[] factorial = new double[m + 1];
    factorial[0] = 1;
    for (int k = 1; k <= m; k++) {
      factorial[k] = factorial[k - 1] * k;
    }
    for (int subset = 0; subset < (1 << m); subset++) {
      boolean[] known = new boolean[m];
      int size = 0;
      for (int j = 0; j < m; j++) {
        known[j] = (subset & (1 << j)) != 0;
        size += known[j] ? 1 : 0;
      }
      double without = tree.conditionalExpectation(row, known);
      for (int i = 0; i < m; i++) {
        if (!known[i]) {
          known[i] = true;
          double with = tree.conditionalExpectation(row, known);
          known[i] = false;
          phi[i] += factorial[size] * factorial[m - size - 1] / factorial[m] * (with - without);
        }
      }
    }
    return phi;
  }

  /**
   * TreeSHAP (Lundberg et al. 2020) gives, for every tree of a boosted ensemble and of a forest,
   * the Shapley values found by enumerating all 2^5 feature subsets, to 1e-9; with the expected
   * value they add up to the prediction; a feature no tree splits on gets 0.
   */
  @Test
  void givenTrees_whenTreeShap_thenExactShapleyValuesThatAddUpToThePrediction() {
    SplittableRandom random = new SplittableRandom(5);
    int n = 1500;
    double[][] x = new double[5][];
    for (int c = 0; c < x.length; c++) {
      x[c] = random.doubles(n).toArray();
    }
    java.util.Arrays.fill(x[4], 0.5); // constant: never split on
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 3 * x[0][i] + (x[1][i] > 0.4 ? 2 * x[2][i] : -x[3][i]) + 0.1 * random.nextGaussian();
    }
    HistogramTrees.Binned binned = HistogramTrees.bin(x);
    int[] all = IntStream.range(0, n).toArray();
    HistogramTrees.Ensemble boosted = HistogramTrees.boost(
        binned, y, all, 20, 0.2, 0.7, new HistogramTrees.Shape(16, 8, 20, 5), 3L);
    HistogramTrees.Ensemble forest = HistogramTrees.forest(
        binned, y, all, 10, 0.5, new HistogramTrees.Shape(64, 10, 10, 2), 4L);
    double[][] probes = {{0.1, 0.9, 0.3, 0.7, 0.5}, {0.8, 0.2, 0.6, 0.4, 0.5}, {0.5, 0.41, 0, 1, 9}};
    for (HistogramTrees.Ensemble model : List.of(boosted, forest)) {
      for (double[] probe : probes) {
        double[] expected = new double[5];
        for (HistogramTrees.Tree tree : model.trees()) {
          double[] phi = new double[5];
          tree.shap(probe, phi, 1.0);
          double[] reference = bruteForceShapley(tree, probe);
          for (int j = 0; j < 5; j++) {
            assertThat(phi[j]).as("feature %d", j).isCloseTo(reference[j], within(1e-9));
            expected[j] += model.weight() * reference[j];
          }
          assertThat(tree.expectedValue() + java.util.Arrays.stream(phi).sum())
              .isCloseTo(tree.predict(probe), within(1e-9));
        }
        double[] parts = model.contributions(probe);
        assertThat(parts).hasSize(6);
        assertThat(java.util.Arrays.stream(parts).sum())
            .isCloseTo(model.predict(probe), within(1e-9));
        for (int j = 0; j < 5; j++) {
          assertThat(parts[j + 1]).isCloseTo(expected[j], within(1e-9));
        }
        assertThat(parts[5]).isZero();
      }
    }
  }
}
