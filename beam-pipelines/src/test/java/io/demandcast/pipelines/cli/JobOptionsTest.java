package io.demandcast.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.inventory.PolicyType;
import io.demandcast.inventory.ServiceTarget;
import io.demandcast.pipelines.model.GlobalModel;
import io.demandcast.pipelines.model.InventorySettings;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.model.PeriodType;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The job options as picocli binds them, turned into the run's settings. */
class JobOptionsTest {
  private static final LocalDateTime STARTED = LocalDateTime.of(2026, 11, 21, 9, 0);

  private static JobSettings settings(String... args) {
    JobOptions options = new JobOptions();
    new CommandLine(options).parseArgs(args);
    return options.settings(STARTED);
  }

  @Test
  void givenNoInventoryOptions_whenSettings_thenTheInventoryDefaults() {
    assertThat(settings("--run-id", "r").inventory()).isEqualTo(InventorySettings.defaults());
  }

  @Test
  void givenEveryInventoryOption_whenSettings_thenEachIsApplied() {
    InventorySettings inventory = settings("--run-id", "r",
        "--service-measure", "cycle-service",
        "--class-service-levels", "A=0.99,B=0.9,C=0.8",
        "--continuous-policy", "s_Q",
        "--lead-time-distribution", "Discrete",
        "--simulation-periods", "6",
        "--warm-up-periods", "3",
        "--location-capacity", "PLANT01=5000,PLANT02=800").inventory();
    assertThat(inventory.measure()).isEqualTo(ServiceTarget.Measure.CYCLE_SERVICE);
    assertThat(inventory.classTargets()).isEqualTo("A=0.99,B=0.9,C=0.8");
    assertThat(inventory.continuousPolicy()).isEqualTo(PolicyType.S_Q);
    assertThat(inventory.distribution()).isEqualTo("discrete");
    assertThat(inventory.simulationPeriods()).isEqualTo(6);
    assertThat(inventory.warmUpPeriods()).isEqualTo(3);
    assertThat(inventory.locationCapacity())
        .containsExactlyInAnyOrderEntriesOf(Map.of("PLANT01", 5000.0, "PLANT02", 800.0));
  }

  @Test
  void givenMonthOrWeek_whenNoPeriodCountedOptions_thenTheDefaultsOfBefore() {
    for (String period : new String[] {"MONTH", "WEEK"}) {
      JobSettings s = settings("--run-id", "r", "--period", period);
      assertThat(s.horizon()).as(period).isEqualTo(12);
      assertThat(s.backtestWindows()).as(period).isEqualTo(3);
      assertThat(s.backtestStep()).as(period).isEqualTo(3);
      assertThat(s.inventory().simulationPeriods()).as(period).isEqualTo(12);
      assertThat(s.inventory().warmUpPeriods()).as(period).isEqualTo(12);
    }
    // without --period: monthly, as the defaults of JobSettings
    JobSettings monthly = settings("--run-id", "r");
    assertThat(monthly.period()).isEqualTo(PeriodType.MONTH);
    assertThat(monthly.horizon()).isEqualTo(JobSettings.defaults("r", STARTED).horizon());
    assertThat(monthly.inventory()).isEqualTo(InventorySettings.defaults());
  }

  @Test
  void givenDay_whenNoPeriodCountedOptions_thenFourWeeksAheadWeeklyStepsAnd28DaysSimulated() {
    JobSettings s = settings("--run-id", "r", "--period", "DAY");
    assertThat(s.period()).isEqualTo(PeriodType.DAY);
    assertThat(s.horizon()).isEqualTo(28);
    assertThat(s.backtestStep()).isEqualTo(7);
    assertThat(s.backtestSpan()).isEqualTo(28 + 2 * 7);
    assertThat(s.inventory().simulationPeriods()).isEqualTo(28);
    assertThat(s.inventory().warmUpPeriods()).isEqualTo(84);
  }

  @Test
  void givenDayAndExplicitCounts_whenSettings_thenTheOptionsWinOverTheCalendarsDefaults() {
    JobSettings s = settings("--run-id", "r", "--period", "DAY", "--horizon", "12",
        "--backtest-step", "3", "--simulation-periods", "12", "--warm-up-periods", "12");
    assertThat(s.horizon()).isEqualTo(12);
    assertThat(s.backtestStep()).isEqualTo(3);
    assertThat(s.inventory().simulationPeriods()).isEqualTo(12);
    assertThat(s.inventory().warmUpPeriods()).isEqualTo(12);
  }

  @Test
  void givenFillRateAndSimulationOff_whenSettings_thenApplied() {
    InventorySettings inventory = settings("--run-id", "r", "--service-measure", "fill-rate",
        "--continuous-policy", "s_S", "--simulation-periods", "0").inventory();
    assertThat(inventory.measure()).isEqualTo(ServiceTarget.Measure.FILL_RATE);
    assertThat(inventory.continuousPolicy()).isEqualTo(PolicyType.S_S);
    assertThat(inventory.simulationPeriods()).isZero();
  }

  @Test
  void givenNoGlobalOptions_whenSettings_thenNoGlobalModelAnd5000SeriesASegment() {
    JobSettings s = settings("--run-id", "r");
    assertThat(s.globalModel()).isEqualTo(GlobalModel.NONE);
    assertThat(s.maxSegmentSeries()).isEqualTo(5000);
  }

  @Test
  void givenGlobalOptions_whenSettings_thenApplied() {
    JobSettings s = settings("--run-id", "r", "--global-model", "RF", "--max-segment-series", "7");
    assertThat(s.globalModel()).isEqualTo(GlobalModel.RF);
    assertThat(s.maxSegmentSeries()).isEqualTo(7);
    assertThat(settings("--run-id", "r", "--global-model=lasso").globalModel())
        .isEqualTo(GlobalModel.LASSO);
  }

  @Test
  void givenBadGlobalOptions_whenSettings_thenErrorsNameTheOption() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> settings("--run-id", "r", "--global-model", "arima"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--global-model")
        .hasMessageContaining("'arima'")
        .hasMessageContaining("none, gbt, rf, lasso");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> settings("--run-id", "r", "--max-segment-series", "-3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--max-segment-series must be >= 1 series, was -3");
  }

  @Test
  void givenComponentNames_whenOptionNames_thenReplacedByTheOptions() {
    assertThat(JobOptions.optionNames("simulationPeriods must be >= 0, was -1"))
        .isEqualTo("--simulation-periods must be >= 0, was -1");
    assertThat(JobOptions.optionNames("continuousPolicy must be s_S or s_Q, was R_S"))
        .isEqualTo("--continuous-policy must be s_S or s_Q, was R_S");
    assertThat(JobOptions.optionNames("locationCapacity of P1 must be >= 0, was -5.0"))
        .isEqualTo("--location-capacity of P1 must be >= 0, was -5.0");
    assertThat(JobOptions.optionNames("classTargets: bad entry 'B=1.5'"))
        .isEqualTo("--class-service-levels: bad entry 'B=1.5'");
  }
}
