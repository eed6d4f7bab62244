package io.demandcast.forecasting.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.forecasting.Seasonality;
import io.demandcast.forecasting.drivers.PeriodDates;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

  private static Path sample() throws URISyntaxException {
    return Path.of(DatasetsTest.class.getResource("/benchmark-sample/README.md").toURI())
        .getParent();
  }

  @Test
  void givenM3Rows_whenLoad_thenFrequencyFromIdAndLastNfValuesHeldOut() throws Exception {
    Dataset m3 = Datasets.load("m3", sample());
    assertThat(m3.series())
        .extracting(SeriesSplit::id)
        .containsExactly("N0001", "N0646", "N1402", "N2830");
    assertThat(m3.series()).extracting(SeriesSplit::seasonalPeriod).containsExactly(1, 4, 12, 1);
    assertThat(m3.series())
        .extracting(SeriesSplit::seasonality)
        .containsExactly(Seasonality.of(), Seasonality.of(4), Seasonality.of(12), Seasonality.of());
    SeriesSplit yearly = m3.series().get(0);
    // N1: N = 20, NF = 6; first value 940.66, last training value 4936.99 (14th), last 9156.01
    assertThat(yearly.train()).hasSize(14);
    assertThat(yearly.train()[0]).isEqualTo(940.66);
    assertThat(yearly.train()[13]).isEqualTo(4936.99);
    assertThat(yearly.test()).hasSize(6);
    assertThat(yearly.test()[5]).isEqualTo(9156.01);
    assertThat(m3.series().get(2).horizon()).isEqualTo(18);
    assertThat(m3.series().get(2).train()).hasSize(50);
  }

  @Test
  void givenCarpartsWithBlankCells_whenLoad_thenThoseSeriesAreSkippedAndCounted()
      throws Exception {
    Dataset carparts = Datasets.load("carparts", sample());
    assertThat(carparts.skipped()).isEqualTo(3);
    assertThat(carparts.skippedReason()).isEqualTo("missing values");
    assertThat(carparts.series()).extracting(SeriesSplit::id).containsExactly("21030168", "21031954");
    assertThat(carparts.series())
        .allSatisfy(
            s -> {
              assertThat(s.train()).hasSize(39);
              assertThat(s.test()).hasSize(12);
              assertThat(s.seasonalPeriod()).isEqualTo(12);
              assertThat(s.seasonality()).isEqualTo(Seasonality.of(12));
            });
  }

  @Test
  void givenAMissingFolderOrName_whenLoad_thenTheMessageSaysWhatToFix() {
    assertThatThrownBy(() -> Datasets.load("m4-weekly", Path.of("no-such-dir")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Weekly-")
        .hasMessageContaining("--data-dir");
    assertThatThrownBy(() -> Datasets.load("m5", Path.of(".")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("m3, m4-weekly, carparts");
  }

  @Test
  void givenNn5File_whenLoad_thenBlanksTakeTheSameWeekdayAndLast56DaysAreHeldOut()
      throws Exception {
    // The sample: the first 70 days (1996-03-18..05-26) of N101, N112 and N198, copied from the
    // competition file with its BOM, CRLF line ends and trailing empty column.
    Dataset nn5 = Datasets.load("nn5", sample());
    assertThat(nn5.name()).isEqualTo("nn5");
    assertThat(nn5.series()).extracting(SeriesSplit::id).containsExactly("N101", "N112", "N198");
    SeriesSplit n101 = nn5.series().get(0);
    assertThat(n101.seasonalPeriod()).isEqualTo(7);
    assertThat(n101.seasonality()).isEqualTo(Seasonality.of(7, 365.25));
    assertThat(n101.scaleLag()).isEqualTo(7);
    assertThat(n101.train()).hasSize(14);
    assertThat(n101.test()).hasSize(56);
    assertThat(n101.train()[0]).isEqualTo(21.499);
    assertThat(n101.periodDates()).contains(PeriodDates.daily(LocalDate.of(1996, 3, 18)));
    // day 6 (1996-03-23) is blank in the first week: the same weekday a week later, 1996-03-30
    assertThat(n101.train()[5]).isEqualTo(n101.train()[12]).isEqualTo(7.653);
    // N112 days 21, 41, 48 and 55 are blank: day 21 takes day 14; 41 takes 34, and 48 and 55 the
    // filled day before them (chained), all in the test part (days 15..70)
    SeriesSplit n112 = nn5.series().get(1);
    double[] all = concat(n112.train(), n112.test());
    assertThat(all[20]).isEqualTo(all[13]);
    assertThat(all[40]).isEqualTo(all[33]);
    assertThat(all[47]).isEqualTo(all[33]);
    assertThat(all[54]).isEqualTo(all[33]);
    assertThat(Arrays.stream(all).allMatch(Double::isFinite)).isTrue();
  }

  @Test
  void givenNn5DatesWithAGapOrANonNumber_whenLoad_thenFileLineAndColumnNamed(@TempDir Path dir)
      throws Exception {
    Path gap = dir.resolve("gap.csv");
    List<String> rows = new ArrayList<>(List.of("Date;N1;"));
    for (int t = 0; t < 70; t++) {
      rows.add(LocalDate.of(2000, 1, 1).plusDays(t == 69 ? 70 : t) + ";" + t + ";");
    }
    Files.write(gap, rows);
    assertThatThrownBy(() -> Datasets.nn5(gap))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gap.csv line 71 column 1")
        .hasMessageContaining("2000-03-11");
    rows.set(69, rows.get(69).replace(";68;", ";6,8x;"));
    rows.set(70, LocalDate.of(2000, 1, 1).plusDays(69) + ";69;");
    Files.write(gap, rows);
    assertThatThrownBy(() -> Datasets.nn5(gap))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gap.csv line 70 column 2 (N1): '6,8x' is not a number");
  }

  @Test
  void givenLongFormatFile_whenLoad_thenEachSeriesSortedAndLastHorizonHeldOut(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("sales.csv");
    // rows out of order, an extra column, a blank line; B is monthly at month ends, C too short
    Files.writeString(
        file,
        "sku,month,units,note\n"
            + "A,3,30,x\n"
            + "A,1,10,\n"
            + "A,2,20,\n"
            + "\n"
            + "A,4,40,\n"
            + "A,5,50.5,\n"
            + "C,1,1,\n"
            + "A,6,60,\n");
    Dataset data = Datasets.longFormat(file, 2, 1);
    assertThat(data.name()).isEqualTo("file:sales.csv");
    assertThat(data.series()).extracting(SeriesSplit::id).containsExactly("A");
    assertThat(data.skipped()).isEqualTo(1);
    assertThat(data.skippedReason()).contains("fewer than horizon + 3");
    SeriesSplit a = data.series().get(0);
    assertThat(a.train()).containsExactly(10, 20, 30, 40);
    assertThat(a.test()).containsExactly(50.5, 60);
    assertThat(a.seasonalPeriod()).isEqualTo(1);
    assertThat(a.periodDates()).isEmpty();

    Path dates = dir.resolve("dates.csv");
    Files.writeString(
        dates,
        "\uFEFFid,date,qty\n"
            + "B,2021-01-31,1\nB,2021-02-28,2\nB,2021-03-31,3\nB,2021-04-30,4\n"
            + "D,2021-01-04,5\nD,2021-01-11,6\nD,2021-01-18,7\nD,2021-01-25,8\n");
    Dataset byDate = Datasets.longFormat(dates, 1, 12);
    assertThat(byDate.series()).extracting(SeriesSplit::id).containsExactly("B", "D");
    assertThat(byDate.series().get(0).train()).containsExactly(1, 2, 3);
    assertThat(byDate.series().get(1).test()).containsExactly(8);
    assertThat(byDate.series().get(1).scaleLag()).isEqualTo(12);
    assertThat(byDate.series().get(0).periodDates())
        .contains(new PeriodDates(LocalDate.of(2021, 1, 31), java.time.Period.ofMonths(1)));
    assertThat(byDate.series().get(1).periodDates())
        .contains(new PeriodDates(LocalDate.of(2021, 1, 4), java.time.Period.ofDays(7)));
  }

  @Test
  void givenSeveralSeasonalPeriods_whenLongFormat_thenTheFirstIsMAndTheMaseLag(@TempDir Path dir)
      throws Exception {
    StringBuilder text = new StringBuilder("id,period,value\n");
    for (int t = 1; t <= 40; t++) {
      text.append("A,").append(t).append(',').append(t % 7).append('\n');
    }
    Path file = Files.writeString(dir.resolve("hourly.csv"), text);
    SeriesSplit a = Datasets.longFormat(file, 5, Seasonality.parse("7,365.25")).series().get(0);
    assertThat(a.seasonality().periods()).containsExactly(7.0, 365.25);
    assertThat(a.seasonalPeriod()).isEqualTo(7);
    assertThat(a.scaleLag()).isEqualTo(7);
    assertThat(Datasets.longFormat(file, 5, 1).series().get(0).seasonality())
        .isEqualTo(Seasonality.of());
    assertThatThrownBy(() -> Datasets.longFormat(file, 5, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seasonal period (0)");
    assertThatThrownBy(() -> Datasets.longFormat(file, 0, Seasonality.of(7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("horizon (0)");
  }

  @Test
  void givenM4WeeklyFiles_whenLoad_thenSeasonality52point18AndM52(@TempDir Path dir)
      throws Exception {
    StringBuilder train = new StringBuilder("\"V1\",\"V2\",\"V3\",\"V4\"\n\"W1\",1,2,3\n");
    StringBuilder test = new StringBuilder("\"V1\"");
    for (int i = 2; i <= 14; i++) {
      test.append(",\"V").append(i).append('"');
    }
    test.append("\n\"W1\"");
    for (int i = 0; i < 13; i++) {
      test.append(',').append(i);
    }
    test.append('\n');
    Dataset m4 =
        Datasets.m4Weekly(
            Files.writeString(dir.resolve("Weekly-train.csv"), train),
            Files.writeString(dir.resolve("Weekly-test.csv"), test));
    SeriesSplit w1 = m4.series().get(0);
    assertThat(w1.seasonality()).isEqualTo(Seasonality.of(52.18));
    assertThat(w1.seasonalPeriod()).isEqualTo(52);
    assertThat(w1.scaleLag()).isEqualTo(1);
    assertThat(w1.train()).containsExactly(1, 2, 3);
  }

  @Test
  void givenBadLongFormatFile_whenLoad_thenFileLineAndColumnNamed(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "sku,period,units\nA,1,10\nA,2\nA,3,30\n");
    assertThatThrownBy(() -> Datasets.longFormat(file, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.csv line 3 column 3 (units): missing");
    Files.writeString(file, "sku,period\nA,1\n");
    assertThatThrownBy(() -> Datasets.longFormat(file, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.csv line 1: expected a header with three columns");
    Files.writeString(file, "sku,period,units\nA,1,10\n\nA,2,ten\n");
    assertThatThrownBy(() -> Datasets.longFormat(file, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.csv line 4 column 3 (units): 'ten' is not a number");
    Files.writeString(file, "sku,period,units\nA,1,10\nA,2,\n");
    assertThatThrownBy(() -> Datasets.longFormat(file, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.csv line 3 column 3 (units): '' is not a number");
    Files.writeString(file, "sku,period,units\nA,1,10\nA,2021-01-01,20\n");
    assertThatThrownBy(() -> Datasets.longFormat(file, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.csv line 3 column 2 (period)");
    Files.writeString(file, "sku,period,units\nA,1,10\nA,2,20\nA,4,40\nA,2,21\n");
    assertThatThrownBy(() -> Datasets.longFormat(file, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("series A has period 2 twice");
    Files.writeString(file, "sku,period,units\nA,1,10\nA,2,20\nA,4,40\n");
    assertThatThrownBy(() -> Datasets.longFormat(file, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.csv line 4: series A jumps from 2 (line 3) to 4");
    Files.writeString(file, "sku,day,units\nA,2021-01-01,1\nA,2021-01-02,2\nA,2021-01-04,4\n");
    assertThatThrownBy(() -> Datasets.longFormat(file, 1, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("to 2021-01-04")
        .hasMessageContaining("1 day(s) apart");
    Files.writeString(file, "sku,day,units\nA,2021-13-01,1\n");
    assertThatThrownBy(() -> Datasets.longFormat(file, 1, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2 column 2: '2021-13-01' is not a date");
    assertThatThrownBy(() -> Datasets.longFormat(dir.resolve("none.csv"), 1, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("none.csv does not exist");
  }

  private static double[] concat(double[] a, double[] b) {
    double[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void givenLimit_whenLimit_thenFirstSeriesKept() throws Exception {
    Dataset m3 = Datasets.load("m3", sample());
    assertThat(m3.limit(2).series()).extracting(SeriesSplit::id).containsExactly("N0001", "N0646");
    assertThat(m3.limit(10)).isSameAs(m3);
    assertThatThrownBy(() -> m3.limit(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
