package io.demandcast.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The run protocol's shared rules: staging table names and the heartbeat lease. */
class OutputWarehouseTest {
  private static final TableSchema FORECASTS = CanonicalTables.DEMAND_FORECASTS;
  private static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 1, 12, 0);
  private static final Duration LEASE = OutputWarehouse.LEASE;

  @Test
  void givenRunIdsThatDifferOnlyInPunctuationOrCase_thenTheirStagingTablesDiffer() {
    // the names of the version before collided: a-b, a_b and a.b all became stage_a_b_...
    List<String> ids = List.of("a-b", "a_b", "a.b", "A-B", "ab");
    Set<String> names = new HashSet<>();
    for (String id : ids) {
      names.add(OutputWarehouse.stagingTable(id, FORECASTS));
    }
    assertThat(names).hasSize(ids.size());
    assertThat(OutputWarehouse.legacyStagingTable("a-b", FORECASTS))
        .isEqualTo(OutputWarehouse.legacyStagingTable("a_b", FORECASTS))
        .isEqualTo("stage_a_b_demand_forecasts");
  }

  @Test
  void givenARunId_thenItsStagingNameIsStableLowerCaseAndPerTable() {
    String name = OutputWarehouse.stagingTable("Nightly-2026.03.01", FORECASTS);
    assertThat(name).matches("stage_[0-9a-f]{16}_demand_forecasts")
        .isEqualTo(OutputWarehouse.stagingTable("Nightly-2026.03.01", FORECASTS));
    // the first 16 hex digits of SHA-256("a-b"), which any other implementation can recompute
    assertThat(OutputWarehouse.stagingTable("a-b", FORECASTS))
        .isEqualTo("stage_d44362d67d921091_demand_forecasts");
    assertThat(OutputWarehouse.stagingTable("Nightly-2026.03.01", CanonicalTables.REJECTED_RECORDS))
        .isEqualTo(name.replace("demand_forecasts", "rejected_records"));
  }

  @Test
  void givenARecentHeartbeat_thenNotAbandoned() {
    assertThat(OutputWarehouse.isAbandoned(NOW.minusHours(5), NOW.minusMinutes(1), NOW, LEASE))
        .isFalse();
    // exactly the lease ago: not yet
    assertThat(OutputWarehouse.isAbandoned(NOW.minusHours(5), NOW.minus(LEASE), NOW, LEASE))
        .isFalse();
  }

  @Test
  void givenAHeartbeatOlderThanTheLease_thenAbandoned() {
    assertThat(OutputWarehouse.isAbandoned(
        NOW.minusHours(5), NOW.minus(LEASE).minusSeconds(1), NOW, LEASE)).isTrue();
  }

  @Test
  void givenNoHeartbeat_thenTheStartCounts() {
    // a run of a version without heartbeats, or one that died before its first beat
    assertThat(OutputWarehouse.isAbandoned(NOW.minusMinutes(3), null, NOW, LEASE)).isFalse();
    assertThat(OutputWarehouse.isAbandoned(NOW.minusMinutes(11), null, NOW, LEASE)).isTrue();
    assertThat(OutputWarehouse.isAbandoned(null, null, NOW, LEASE)).isTrue();
  }

  @Test
  void givenTheLeaseAndInterval_thenSeveralBeatsMayBeMissedBeforeARunCountsAsAbandoned() {
    assertThat(LEASE).isEqualTo(Duration.ofMinutes(10));
    assertThat(LEASE.dividedBy(OutputWarehouse.HEARTBEAT_INTERVAL)).isGreaterThanOrEqualTo(5);
  }
}
