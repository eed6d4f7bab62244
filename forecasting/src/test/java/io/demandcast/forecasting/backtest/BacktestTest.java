package io.demandcast.forecasting.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.forecasting.models.SeasonalNaive;
import io.demandcast.forecasting.models.SmileAutoregressive;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BacktestTest {
  /** y[t] = t for t = 0..19. */
  private static final double[] RAMP = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19
  };

  /** Two windows of horizon 3, step 1: origins 20 - 3 - 1 = 16 and 17. */
  private static final RollingOrigin DESIGN = new RollingOrigin(2, 3, 1);

  @Test
  void givenNaiveOnRamp_whenRun_thenMetricsMatchHandComputation() {
    BacktestResult result = Backtest.run(new SeasonalNaive(1), RAMP, DESIGN, 1);
    // Window 0 trains on 0..15 and forecasts 15, 15, 15 for actuals 16, 17, 18; window 1 trains
    // on 0..16 and forecasts 16, 16, 16 for 17, 18, 19. Errors are 1, 2, 3 in both windows.
    assertThat(result.origins()).containsExactly(16, 17);
    assertThat(result.forecasts()[0]).containsExactly(15, 15, 15);
    assertThat(result.actuals()[1]).containsExactly(17, 18, 19);
    // In-sample lag-1 differences are all 1: MASE = MAE = 2, RMSSE = sqrt((1 + 4 + 9) / 3).
    assertThat(result.mase()).isCloseTo(2.0, within(1e-12));
    assertThat(result.rmsse()).isCloseTo(Math.sqrt(14.0 / 3.0), within(1e-12));
    assertThat(result.bias()).isCloseTo(-2.0, within(1e-12));
    // sMAPE terms |y - f| / (|y| + |f|): window 0 has 1/31, 2/32, 3/33; window 1 1/33, 2/34, 3/35.
    double smape0 = 200.0 / 3 * (1.0 / 31 + 2.0 / 32 + 3.0 / 33);
    double smape1 = 200.0 / 3 * (1.0 / 33 + 2.0 / 34 + 3.0 / 35);
    assertThat(result.smape()).isCloseTo((smape0 + smape1) / 2, within(1e-12));
    // Leave-one-out band from the other window's errors 1, 2, 3: sigma = 1, sqrt(2.5), sqrt(14/3),
    // half-widths 1.28 * sigma = 1.28, 2.03, 2.77 around the flat forecast. Actuals lie 1, 2, 3
    // above it: the first two are inside, the third is not, in both windows -> 2/3.
    assertThat(result.coverage()).isCloseTo(2.0 / 3.0, within(1e-12));
    assertThat(result.failure()).isNull();
    assertThat(result.mae()).isCloseTo(2.0, within(1e-12));
  }

  @Test
  void givenSeasonalPeriodLongerThanTraining_whenRun_thenMaseFallsBackToLagOne() {
    // With m = 50 the seasonal scale is undefined (16 or 17 training points), so m = 1 is used.
    BacktestResult result = Backtest.run(new SeasonalNaive(1), RAMP, DESIGN, 50);
    assertThat(result.mase()).isCloseTo(2.0, within(1e-12));
  }

  @Test
  void givenSingleWindow_whenRun_thenCoverageIsNaN() {
    BacktestResult result = Backtest.run(new SeasonalNaive(1), RAMP, new RollingOrigin(1, 3, 1), 1);
    assertThat(result.coverage()).isNaN();
    assertThat(result.mase()).isCloseTo(2.0, within(1e-12));
  }

  @Test
  void givenModelThatCannotFit_whenRun_thenFailureRecordedNotThrown() {
    double[] constant = new double[20];
    Arrays.fill(constant, 3.0);
    BacktestResult result = Backtest.run(new SmileAutoregressive(2), constant, DESIGN, 1);
    assertThat(result.failed()).isTrue();
    assertThat(result.failure()).contains("constant");
    assertThat(result.model()).isEqualTo("ar");
    assertThat(result.forecasts()).isEmpty();
    assertThat(result.mase()).isNaN();
    assertThat(result.rmsse()).isNaN();
    assertThat(result.smape()).isNaN();
    assertThat(result.bias()).isNaN();
    assertThat(result.coverage()).isNaN();
  }

  @Test
  void givenSeriesShorterThanDesign_whenRun_thenIllegalArgumentException() {
    // SeasonalNaive(12) needs 12 + 3 + 1 = 16 observations.
    assertThatThrownBy(() -> Backtest.run(new SeasonalNaive(12), new double[15], DESIGN, 12))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 15")
        .hasMessageContaining("16");
  }

  @Test
  void givenResult_whenCallerMutatesReturnedArrays_thenResultUnchanged() {
    BacktestResult result = Backtest.run(new SeasonalNaive(1), RAMP, DESIGN, 1);
    result.forecasts()[0][0] = -1;
    result.origins()[0] = -1;
    assertThat(result.forecasts()[0][0]).isEqualTo(15);
    assertThat(result.origins()[0]).isEqualTo(16);
  }
}
