package io.demandcast.forecasting.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.forecasting.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproduces the published M4 Weekly scores of the official Naive2 benchmark — sMAPE 9.161 and
 * MASE 2.777 in the M4 evaluation tables — from the official forecasts, to 3 decimals. This proves
 * the metric code and the dataset loader against an independent reference.
 */
class M4WeeklyGoldenTest {

  @TempDir static Path dir;

  private static Dataset weekly;
  private static Map<String, double[]> naive2;

  @BeforeAll
  static void load() throws IOException {
    Path train = unzip("Weekly-train.csv");
    Path test = unzip("Weekly-test.csv");
    weekly = Datasets.m4Weekly(train, test);
    naive2 = new HashMap<>();
    List<String> lines = Files.readAllLines(unzip("Naive2-Weekly.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      double[] f = new double[13];
      for (int h = 0; h < 13; h++) {
        f[h] = Double.parseDouble(cells[h + 1]);
      }
      naive2.put(cells[0], f);
    }
  }

  @Test
  void loaderReadsAllSeriesWithTheirHorizon() {
    assertThat(weekly.series()).hasSize(359);
    assertThat(weekly.series()).allSatisfy(s -> assertThat(s.horizon()).isEqualTo(13));
    assertThat(weekly.series().get(0).id()).isEqualTo("W1");
    assertThat(weekly.series().stream().mapToInt(s -> s.train().length).min().getAsInt())
        .isEqualTo(80);
    assertThat(naive2).hasSize(359);
  }

  @Test
  void officialNaive2ScoresAreReproducedToThreeDecimals() {
    double smape = 0.0;
    double mase = 0.0;
    for (SeriesSplit s : weekly.series()) {
      double[] f = naive2.get(s.id());
      smape += Metrics.smape(s.test(), f);
      mase += Metrics.mase(s.test(), f, s.train(), s.scaleLag());
    }
    smape /= weekly.series().size();
    mase /= weekly.series().size();
    // published: sMAPE 9.161, MASE 2.777 (rounded to 3 decimals by the organisers)
    assertThat(smape).isCloseTo(9.161, within(0.0005));
    assertThat(mase).isCloseTo(2.777, within(0.0005));
    assertThat(Metrics.owa(smape, mase, smape, mase)).isEqualTo(1.0);
  }

  @Test
  void runnerScoresTheOfficialForecastsLikeTheMetrics() {
    BenchmarkRunner runner = new BenchmarkRunner(2, line -> {});
    MethodResult result =
        runner.score(weekly, BenchmarkRunner.peerRun(weekly, "naive2", naive2, 1.0), "m4", null);
    assertThat(result.failures()).isZero();
    assertThat(result.smape()).isCloseTo(9.161, within(0.0005));
    assertThat(result.mase()).isCloseTo(2.777, within(0.0005));
    assertThat(result.seriesPerSecond()).isEqualTo(359.0);
  }

  private static Path unzip(String name) {
    Path target = dir.resolve(name);
    try (InputStream in =
        new GZIPInputStream(
            M4WeeklyGoldenTest.class.getResourceAsStream("/m4/" + name + ".gz"))) {
      Files.copy(in, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }
}
