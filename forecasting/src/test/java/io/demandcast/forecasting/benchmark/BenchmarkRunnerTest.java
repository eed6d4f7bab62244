package io.demandcast.forecasting.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkRunnerTest {

  /** Series 1..n then a test part; the naive forecast is the last training value. */
  private static Dataset dataset() {
    return new Dataset(
        "toy",
        List.of(
            new SeriesSplit("a", 1, 1, new double[] {1, 2, 3, 4}, new double[] {5, 6}),
            new SeriesSplit("b", 1, 1, new double[] {10, 10, 12, 12}, new double[] {12, 12})),
        0,
        "");
  }

  @Test
  void givenMethodThatFailsOnOneSeries_whenForecast_thenNaiveIsScoredAndTheFailureCounted() {
    List<String> progress = new ArrayList<>();
    BenchmarkRunner runner = new BenchmarkRunner(2, progress::add);
    BenchmarkMethod flaky =
        new BenchmarkMethod() {
          @Override
          public String name() {
            return "flaky";
          }

          @Override
          public double[] forecast(SeriesSplit series) {
            if (series.id().equals("a")) {
              throw new IllegalStateException("cannot fit a");
            }
            return new double[] {12, 12};
          }
        };
    BenchmarkRunner.Run run = runner.forecast(dataset(), flaky);
    assertThat(run.failures()).isEqualTo(1);
    assertThat(run.forecasts()[0]).containsExactly(4, 4);
    assertThat(run.forecasts()[1]).containsExactly(12, 12);
    assertThat(progress).anyMatch(line -> line.contains("failed on a: cannot fit a"));

    MethodResult result = runner.score(dataset(), run, "demandcast", null);
    // a: MAE (1 + 2) / 2 = 1.5 over a lag-1 scale of 1; b: exact, MASE 0; mean 0.75
    assertThat(result.mase()).isCloseTo(0.75, within(1e-12));
    assertThat(result.owa()).isNaN();
    assertThat(result.series()).isEqualTo(2);
  }

  @Test
  void givenPeerForecastsMissingASeries_whenPeerRun_thenThatSeriesCountsAsAFailure() {
    BenchmarkRunner.Run run =
        BenchmarkRunner.peerRun(dataset(), "r_x", Map.of("b", new double[] {12, 12}), 2.0);
    assertThat(run.failures()).isEqualTo(1);
    assertThat(run.forecasts()[0]).containsExactly(4, 4);
    assertThat(run.wallSeconds()).isEqualTo(2.0);
  }
}
