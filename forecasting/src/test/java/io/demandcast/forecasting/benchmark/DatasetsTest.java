package io.demandcast.forecasting.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
  void givenLimit_whenLimit_thenFirstSeriesKept() throws Exception {
    Dataset m3 = Datasets.load("m3", sample());
    assertThat(m3.limit(2).series()).extracting(SeriesSplit::id).containsExactly("N0001", "N0646");
    assertThat(m3.limit(10)).isSameAs(m3);
    assertThatThrownBy(() -> m3.limit(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
