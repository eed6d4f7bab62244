package io.demandcast.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --run-id} is checked before anything is opened or written: a bad id is refused with exit
 * code 2, naming the id and the pattern, and leaves no warehouse file and no report folder behind.
 */
class RunIdCliTest {
  @TempDir Path dir;

  private CliRun.Outcome run(String command, String runId, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of(command,
        "--warehouse", dir.resolve("w.duckdb").toString(),
        "--reports", dir.resolve("reports").toString(), "--run-id", runId));
    args.addAll(List.of(more));
    return CliRun.execute(args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "..", ".", "", " ", "nightly 42", "a/b", "a\\b", "r:1",
      "x\ny", "ünïcode",
      // 65 characters
      "a1234567890123456789012345678901234567890123456789012345678901234"})
  void givenABadRunId_whenRun_thenRefusedFirstNamingIdAndPattern(String id) {
    CliRun.Outcome r = run("run", id);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errFirstLine()).startsWith("demandcast: --run-id: '")
        .contains("is not a valid run id")
        .contains("[A-Za-z0-9._-]{1,64}")
        .contains("not '.' or '..'");
    if (!id.contains("\n")) {
      assertThat(r.errFirstLine()).contains("'" + id + "'");
    }
    assertThat(r.out()).isEmpty();
    assertThat(dir.resolve("w.duckdb")).doesNotExist();
    assertThat(dir.resolve("reports")).doesNotExist();
    assertThat(dir.getParent().resolve("x")).doesNotExist();
  }

  @Test
  void givenABadRunId_whenDemo_thenRefusedTheSameWay() {
    CliRun.Outcome r = run("demo", "../../etc");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errFirstLine()).isEqualTo("demandcast: --run-id: '../../etc' is not a valid run id:"
        + " a run id is 1 to 64 letters, digits, '.', '_' or '-' ([A-Za-z0-9._-]{1,64}), not '.' or"
        + " '..' alone; it names the run's report folder");
    assertThat(dir.resolve("w.duckdb")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"r", "nightly-2026.03.01_v2", "...", ".hidden", "A_B-C.D",
      "a123456789012345678901234567890123456789012345678901234567890123"})
  void givenAGoodRunId_whenRun_thenTheIdPassesAndTheNextCheckSpeaks(String id) {
    assertThat(id.length()).isLessThanOrEqualTo(64);
    // --horizon 0 is refused right after the id: the id got through
    CliRun.Outcome r = run("run", id, "--horizon", "0");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errFirstLine()).doesNotContain("run id").contains("--horizon");
  }

  @Test
  void givenNoRunId_thenTheGeneratedOneIsValid() throws Exception {
    for (int i = 0; i < 20; i++) {
      String id = JobOptions.newRunId(java.time.LocalDateTime.of(2026, 3, 1, 6, 0, 5));
      assertThat(io.demandcast.connectors.RunId.isValid(id)).as(id).isTrue();
    }
    assertThat(Files.exists(dir.resolve("w.duckdb"))).isFalse();
  }
}
