package io.demandcast.pipelines.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Validation of the job settings, and the SKU shard function. */
class JobSettingsTest {
  private static final LocalDateTime STARTED = LocalDateTime.of(2026, 11, 21, 9, 0);

  /** The defaults with the given values: monthly, 3 windows of step 3, 10 lane shipments. */
  private static JobSettings settings(
      int horizon, double serviceLevel, double storageMinC, double storageMaxC, int skuShards) {
    return new JobSettings("run-1", STARTED, PeriodType.MONTH, horizon, serviceLevel, 3, 3, 10,
        storageMinC, storageMaxC, 30, 3, skuShards, InventorySettings.defaults());
  }

  @Test
  void givenDefaults_whenCreated_thenDocumentedValues() {
    JobSettings s = JobSettings.defaults("run-1", STARTED);
    assertThat(s.period()).isEqualTo(PeriodType.MONTH);
    assertThat(s.horizon()).isEqualTo(12);
    assertThat(s.serviceLevel()).isEqualTo(0.95);
    assertThat(s.storageMinC()).isEqualTo(15.0);
    assertThat(s.storageMaxC()).isEqualTo(27.0);
    assertThat(s.skuShards()).isEqualTo(128);
  }

  @Test
  void givenHorizon0_whenCreated_thenRejectedNamingTheValue() {
    assertThatThrownBy(() -> settings(0, 0.95, 15, 27, 128))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("horizon")
        .hasMessageContaining("was 0");
  }

  @Test
  void givenServiceLevel0_whenCreated_thenRejectedNamingTheValue() {
    assertThatThrownBy(() -> settings(12, 0.0, 15, 27, 128))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("serviceLevel")
        .hasMessageContaining("was 0.0");
  }

  @Test
  void givenServiceLevel1_whenCreated_thenRejectedNamingTheValue() {
    assertThatThrownBy(() -> settings(12, 1.0, 15, 27, 128))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("serviceLevel")
        .hasMessageContaining("was 1.0");
  }

  @Test
  void givenServiceLevelNaN_whenCreated_thenRejectedNamingTheValue() {
    assertThatThrownBy(() -> settings(12, Double.NaN, 15, 27, 128))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was NaN");
  }

  @Test
  void givenServiceLevelsJustInsideZeroAndOne_whenCreated_thenAccepted() {
    assertThat(settings(12, 0.001, 15, 27, 128).serviceLevel()).isEqualTo(0.001);
    assertThat(settings(12, 0.999, 15, 27, 128).serviceLevel()).isEqualTo(0.999);
  }

  @Test
  void givenStorageMaxEqualToMin_whenCreated_thenRejectedNamingBothValues() {
    assertThatThrownBy(() -> settings(12, 0.95, 15, 15, 128))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storageMaxC (15.0)")
        .hasMessageContaining("storageMinC (15.0)");
  }

  @Test
  void givenStorageMaxBelowMin_whenCreated_thenRejectedNamingBothValues() {
    assertThatThrownBy(() -> settings(12, 0.95, 27, 15, 128))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storageMaxC (15.0)")
        .hasMessageContaining("storageMinC (27.0)");
  }

  @Test
  void givenSkuShards0_whenCreated_thenRejectedNamingTheValue() {
    assertThatThrownBy(() -> settings(12, 0.95, 15, 27, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("skuShards")
        .hasMessageContaining("was 0");
  }

  @Test
  void givenOtherCountsBelow1_whenCreated_thenEachRejectedNamingTheValue() {
    assertThatThrownBy(() -> new JobSettings("r", STARTED, PeriodType.MONTH, 12, 0.95, 0, 3, 10,
        15, 27, 30, 3, 128, InventorySettings.defaults())).hasMessageContaining("backtestWindows").hasMessageContaining("was 0");
    assertThatThrownBy(() -> new JobSettings("r", STARTED, PeriodType.MONTH, 12, 0.95, 3, -1, 10,
        15, 27, 30, 3, 128, InventorySettings.defaults())).hasMessageContaining("backtestStep").hasMessageContaining("was -1");
    assertThatThrownBy(() -> new JobSettings("r", STARTED, PeriodType.MONTH, 12, 0.95, 3, 3, 0,
        15, 27, 30, 3, 128, InventorySettings.defaults())).hasMessageContaining("minLaneShipments").hasMessageContaining("was 0");
    assertThatThrownBy(() -> new JobSettings("r", STARTED, PeriodType.MONTH, 12, 0.95, 3, 3, 10,
        15, 27, 0, 3, 128, InventorySettings.defaults())).hasMessageContaining("quarantineLookbackDays").hasMessageContaining("was 0");
    assertThatThrownBy(() -> new JobSettings("r", STARTED, PeriodType.MONTH, 12, 0.95, 3, 3, 10,
        15, 27, 30, 0, 128, InventorySettings.defaults())).hasMessageContaining("quarantineMinReadings").hasMessageContaining("was 0");
  }

  @Test
  void givenSettings_whenWithInventory_thenOnlyTheInventoryChanges() {
    JobSettings s = settings(6, 0.9, 2, 8, 7);
    InventorySettings other = new InventorySettings(
        io.demandcast.inventory.ServiceTarget.Measure.CYCLE_SERVICE, "A=0.99",
        io.demandcast.inventory.PolicyType.S_Q, "normal", 0, 3, java.util.Map.of("P", 10.0));
    JobSettings changed = s.withInventory(other);
    assertThat(changed.inventory()).isEqualTo(other);
    assertThat(changed).isEqualTo(new JobSettings("run-1", STARTED, PeriodType.MONTH, 6, 0.9, 3, 3,
        10, 2, 8, 30, 3, 7, other));
  }

  @Test
  void givenDefaults_whenGlobalModel_thenNoneAnd5000SeriesASegment() {
    JobSettings s = JobSettings.defaults("r", STARTED);
    assertThat(s.globalModel()).isEqualTo(GlobalModel.NONE);
    assertThat(s.maxSegmentSeries()).isEqualTo(5000);
    // horizon 12, 3 windows 3 periods apart: the backtest covers the last 12 + 2 * 3 periods
    assertThat(s.backtestSpan()).isEqualTo(18);
  }

  @Test
  void givenSettings_whenWithGlobalModel_thenOnlyTheGlobalSettingsChange() {
    JobSettings s = settings(6, 0.9, 2, 8, 7);
    JobSettings changed = s.withGlobalModel(GlobalModel.GBT, 40);
    assertThat(changed.globalModel()).isEqualTo(GlobalModel.GBT);
    assertThat(changed.maxSegmentSeries()).isEqualTo(40);
    assertThat(changed.withGlobalModel(GlobalModel.NONE, 5000)).isEqualTo(s);
    assertThatThrownBy(() -> s.withGlobalModel(GlobalModel.GBT, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxSegmentSeries")
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> s.withGlobalModel(null, 10)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void givenGlobalModelText_whenParsed_thenTheModelOrAnErrorListingTheChoices() {
    assertThat(GlobalModel.parse(" GBT ")).isEqualTo(GlobalModel.GBT);
    assertThat(GlobalModel.parse("none").kind()).isNull();
    assertThat(GlobalModel.parse("rf").kind().id()).isEqualTo("global_rf");
    assertThatThrownBy(() -> GlobalModel.parse("xgb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown global model 'xgb': use one of none, gbt, rf, lasso");
  }

  @Test
  void givenBlankRunId_whenCreated_thenRejected() {
    assertThatThrownBy(() -> JobSettings.defaults("  ", STARTED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'  ' is not a valid run id");
  }

  @Test
  void givenManySkus_whenShardOf_thenAlwaysInRange() {
    for (int shards : new int[] {1, 2, 7, 128, 1000}) {
      JobSettings s = settings(12, 0.95, 15, 27, shards);
      for (int i = 0; i < 5000; i++) {
        assertThat(s.shardOf("SKU-" + i)).as("shards %d, SKU-%d", shards, i).isBetween(0, shards - 1);
      }
    }
  }

  @Test
  void givenManySkusAndSevenShards_whenShardOf_thenEveryShardUsed() {
    JobSettings s = settings(12, 0.95, 15, 27, 7);
    Set<Integer> used = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      used.add(s.shardOf("SKU-" + i));
    }
    assertThat(used).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6);
  }

  @Test
  void givenOneShard_whenShardOf_thenAlways0() {
    JobSettings s = settings(12, 0.95, 15, 27, 1);
    assertThat(s.shardOf("A")).isZero();
    assertThat(s.shardOf("")).isZero();
    assertThat(s.shardOf("polygenelubricants")).isZero();
  }

  @Test
  void givenSkuWithNegativeHashCode_whenShardOf_thenStillInRange() {
    // "polygenelubricants".hashCode() == Integer.MIN_VALUE
    assertThat("polygenelubricants".hashCode()).isEqualTo(Integer.MIN_VALUE);
    for (int shards : new int[] {1, 3, 7, 128, 1000}) {
      assertThat(settings(12, 0.95, 15, 27, shards).shardOf("polygenelubricants"))
          .isBetween(0, shards - 1);
    }
  }

  @Test
  void givenSameSku_whenShardOfOnSeparateSettingsAndStrings_thenSameShard() {
    JobSettings a = settings(12, 0.95, 15, 27, 128);
    JobSettings b = JobSettings.defaults("another-run", STARTED.plusDays(3));
    for (int i = 0; i < 200; i++) {
      String sku = "SKU-" + i;
      String copy = new String(sku.toCharArray());
      assertThat(b.shardOf(copy)).as(sku).isEqualTo(a.shardOf(sku));
      assertThat(a.shardOf(sku)).as(sku).isEqualTo(a.shardOf(sku));
    }
  }
}
