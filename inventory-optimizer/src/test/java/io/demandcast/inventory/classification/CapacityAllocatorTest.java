package io.demandcast.inventory.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.inventory.distribution.DemandDistribution;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-worked examples use demand X ~ Uniform[0, 100] over the protection interval, whose loss is
 * L(y) = (100 − y)² / 200 on [0, 100] and 0 above: L(110) = L(100) = 0, L(90) = 0.5, L(80) = 2,
 * L(70) = 4.5, L(50) = 12.5.
 */
class CapacityAllocatorTest {
  private static final DemandDistribution U100 = TestDemand.uniform(100);

  /**
   * P: position 110 after an order of 40, case 10, unit value 8. Q: position 90 after an order of
   * 40, case 20, unit value 5. Load 200. Cost per unit freed of each next cut:
   *
   * <pre>
   *   P 110→100: 8·(0 − 0)/10 = 0      Q 90→70: 5·(4.5 − 0.5)/20 = 1.0
   *   P 100→90:  8·(0.5 − 0)/10 = 0.4  Q 70→50: 5·(12.5 − 4.5)/20 = 2.0
   *   P 90→80:   8·(2 − 0.5)/10 = 1.2
   *   P 80→70:   8·(4.5 − 2)/10 = 2.0
   * </pre>
   *
   * So the cuts come in the order P (load 190), P (180), Q (160), P (150), then P and Q tie at 2.0
   * and P goes first by key (140), then Q (120).
   */
  private static List<CapacityRequest> twoItems(double qMoq) {
    return List.of(
        new CapacityRequest("P", 110, 40, 10, 0, 1, 8, U100),
        new CapacityRequest("Q", 90, 40, 20, qMoq, 1, 5, U100));
  }

  @ParameterizedTest
  @CsvSource({
    "200, 40, 40, 200",
    "199, 30, 40, 190",
    "180, 20, 40, 180",
    "179, 20, 20, 160",
    "150, 10, 20, 150",
    "141, 0, 20, 140",
    "130, 0, 0, 120"
  })
  void givenTwoItems_whenCapacityShrinks_thenCheapestCaseCutFirst(
      double capacity, double pOrder, double qOrder, double loadAfter) {
    CapacityAllocation result =
        CapacityAllocator.allocate(LocationCapacity.units("PLANT01", capacity), twoItems(0));
    assertThat(result.orders()).extracting(AllocatedOrder::order).containsExactly(pOrder, qOrder);
    assertThat(result.summary().loadBefore()).isEqualTo(200);
    assertThat(result.summary().loadAfter()).isEqualTo(loadAfter);
    assertThat(result.summary().unitsCut()).isEqualTo(80 - pOrder - qOrder);
    assertThat(result.summary().overflow()).isZero();
  }

  @Test
  void givenCapacity150_whenAllocating_thenHandWorkedOrdersValuesAndReasons() {
    CapacityAllocation result =
        CapacityAllocator.allocate(LocationCapacity.units("PLANT01", 150), twoItems(0));
    AllocatedOrder p = result.orders().get(0);
    AllocatedOrder q = result.orders().get(1);
    assertThat(p.unitsCut()).isEqualTo(30);
    assertThat(q.unitsCut()).isEqualTo(20);
    // P: 8 · (L(80) − L(110)) = 8 · 2 = 16; Q: 5 · (L(70) − L(90)) = 5 · 4 = 20.
    assertThat(p.valueShortAdded()).isCloseTo(16, within(1e-12));
    assertThat(q.valueShortAdded()).isCloseTo(20, within(1e-12));
    assertThat(result.summary().valueShortAdded()).isCloseTo(36, within(1e-12));
    assertThat(result.summary().ordersChanged()).isEqualTo(2);
    assertThat(p.reason())
        .isEqualTo(
            "scaled back by 30 units to fit PLANT01 capacity of 150 units"
                + " (lowest service-value loss first)");
  }

  @Test
  void givenMoq_whenCutWouldLeaveLessThanMoq_thenWholeOrderRemovedInOneStep() {
    // Q's MOQ 30: cutting one case would leave 20 < 30, so Q's step removes all 40 units at
    // 5 · (L(50) − L(90)) / 40 = 5 · 12 / 40 = 1.5 per unit. Steps: P 0 (190), P 0.4 (180),
    // P 1.2 (170), then Q 1.5 beats P 2.0: load 130 <= 150.
    CapacityAllocation result =
        CapacityAllocator.allocate(LocationCapacity.units("PLANT01", 150), twoItems(30));
    assertThat(result.orders()).extracting(AllocatedOrder::order).containsExactly(10.0, 0.0);
    assertThat(result.summary().loadAfter()).isEqualTo(130);
    assertThat(result.orders().get(1).valueShortAdded()).isCloseTo(60, within(1e-12));
    assertThat(result.orders().get(1).reason())
        .isEqualTo(
            "scaled back by 40 units (order cancelled) to fit PLANT01 capacity of 150 units"
                + " (lowest service-value loss first)");
  }

  @Test
  void givenUnitVolumes_whenAllocating_thenCostIsPerVolumeFreedNotPerUnit() {
    // R: position 95, volume 2 per unit: cut 95→85 costs L(85) − L(95) = 1.125 − 0.125 = 1.0 for
    // 20 volume = 0.05 per volume (0.1 per unit). S: position 100, volume 0.5: cut 100→90 costs 0.5
    // for 5 volume = 0.1 per volume (0.05 per unit). Load 2·95 + 0.5·100 = 240 > 225: R is cut
    // (per unit, S would have been): load 220.
    List<CapacityRequest> requests =
        List.of(
            new CapacityRequest("R", 95, 30, 10, 0, 2, 1, U100),
            new CapacityRequest("S", 100, 20, 10, 0, 0.5, 1, U100));
    CapacityAllocation result =
        CapacityAllocator.allocate(new LocationCapacity("DC-EAST", 225, "m³"), requests);
    assertThat(result.orders()).extracting(AllocatedOrder::order).containsExactly(20.0, 20.0);
    assertThat(result.summary().loadAfter()).isEqualTo(220);
    assertThat(result.orders().get(0).reason())
        .isEqualTo(
            "scaled back by 10 units to fit DC-EAST capacity of 225 m³"
                + " (lowest service-value loss first)");
    assertThat(result.orders().get(1).reason()).isEmpty();
    assertThat(result.orders().get(1).changed()).isFalse();
  }

  @Test
  void givenStockOnHandAboveCapacity_whenAllocating_thenAllOrdersCutAndOverflowReported() {
    // Without orders the positions are 70 and 50: 120 units that no cut removes; capacity 100.
    CapacityAllocation result =
        CapacityAllocator.allocate(LocationCapacity.units("PLANT01", 100), twoItems(0));
    assertThat(result.orders()).extracting(AllocatedOrder::order).containsExactly(0.0, 0.0);
    assertThat(result.summary().loadAfter()).isEqualTo(120);
    assertThat(result.summary().overflow()).isEqualTo(20);
  }

  @Test
  void givenBackorderedItem_whenOverCapacity_thenOrderThatFreesNoRoomIsKept() {
    // N: position -5 after an order of 20 (backorders exceed stock): it takes no room, cutting it
    // frees none. M: 300 units on hand, no order. Capacity 100: nothing to cut, overflow 200.
    List<CapacityRequest> requests =
        List.of(
            new CapacityRequest("N", -5, 20, 10, 0, 1, 3, U100),
            new CapacityRequest("M", 300, 0, 1, 0, 1, 3, U100));
    CapacityAllocation result =
        CapacityAllocator.allocate(LocationCapacity.units("STORE7", 100), requests);
    assertThat(result.orders()).extracting(AllocatedOrder::order).containsExactly(20.0, 0.0);
    assertThat(result.summary().loadBefore()).isEqualTo(300);
    assertThat(result.summary().overflow()).isEqualTo(200);
    assertThat(result.summary().ordersChanged()).isZero();
  }

  @Test
  void givenRandomLocations_whenAllocating_thenInvariantsHold() {
    SplittableRandom rng = new SplittableRandom(42);
    int[] packs = {1, 6, 12, 24};
    int overCapacity = 0;
    int withOverflow = 0;
    for (int trial = 0; trial < 2_000; trial++) {
      int n = 1 + rng.nextInt(12);
      List<CapacityRequest> requests = new ArrayList<>();
      double loadBefore = 0;
      double maxStep = 0;
      for (int i = 0; i < n; i++) {
        int pack = packs[rng.nextInt(packs.length)];
        double moq = rng.nextBoolean() ? 0 : pack * (1 + rng.nextInt(3)) - rng.nextInt(pack);
        double order = pack * rng.nextInt(10);
        if (order > 0 && order < moq) {
          order = Math.ceil(moq / pack) * pack;
        }
        double position = Math.rint(rng.nextDouble(-30, 200)) + order;
        double volume = rng.nextBoolean() ? 1 : rng.nextDouble(0.1, 3);
        double value = rng.nextDouble(0, 50);
        DemandDistribution d =
            rng.nextBoolean()
                ? TestDemand.uniform(rng.nextDouble(10, 300))
                : TestDemand.exponential(rng.nextDouble(5, 150));
        requests.add(new CapacityRequest("k" + i, position, order, pack, moq, volume, value, d));
        loadBefore += Math.max(0, position) * volume;
        maxStep = Math.max(maxStep, (pack + moq) * volume);
      }
      double capacity = loadBefore * rng.nextDouble(0, 1.3);
      CapacityAllocation result =
          CapacityAllocator.allocate(LocationCapacity.units("L" + trial, capacity), requests);
      CapacityAllocation.Summary s = result.summary();

      double loadAfter = 0;
      double unitsCut = 0;
      boolean cutPossible = false;
      for (int i = 0; i < n; i++) {
        CapacityRequest r = requests.get(i);
        AllocatedOrder o = result.orders().get(i);
        assertThat(o.key()).isEqualTo(r.key());
        assertThat(o.order()).isBetween(0.0, r.order());
        assertThat(o.order() / r.casePack()).isEqualTo(Math.rint(o.order() / r.casePack()));
        assertThat(o.order() == 0 || o.order() >= r.moq()).isTrue();
        assertThat(o.unitsCut()).isEqualTo(r.order() - o.order());
        assertThat(o.reason().isEmpty()).isEqualTo(!o.changed());
        double y = r.stockAfterOrder() - o.unitsCut();
        assertThat(o.valueShortAdded())
            .isCloseTo(
                r.unitValue()
                    * (r.protectionDemand().loss(y)
                        - r.protectionDemand().loss(r.stockAfterOrder())),
                within(1e-9 * (1 + o.valueShortAdded())));
        loadAfter += Math.max(0, y) * r.unitVolume();
        unitsCut += o.unitsCut();
        cutPossible |= o.order() > 0 && y > 0;
      }
      assertThat(s.loadBefore()).isCloseTo(loadBefore, within(1e-9 * (1 + loadBefore)));
      assertThat(s.loadAfter()).isCloseTo(loadAfter, within(1e-9 * (1 + loadBefore)));
      assertThat(s.unitsCut()).isEqualTo(unitsCut);
      if (loadBefore <= capacity) {
        assertThat(result.orders()).noneMatch(AllocatedOrder::changed);
        continue;
      }
      overCapacity++;
      if (s.overflow() > 0) {
        withOverflow++;
        // Over capacity only when no order is left that could free room.
        assertThat(cutPossible).isFalse();
        assertThat(s.overflow()).isCloseTo(loadAfter - capacity, within(1e-6));
      } else {
        assertThat(loadAfter).isLessThanOrEqualTo(capacity * (1 + 1e-9) + 1e-9);
        // No more cut than needed: undoing the last step (at most one case + MOQ) would not fit.
        assertThat(loadAfter).isGreaterThan(capacity - maxStep);
      }
    }
    assertThat(overCapacity).isGreaterThan(1_000);
    assertThat(withOverflow).isGreaterThan(50);
  }

  @Test
  void givenBadInput_whenCreating_thenRejectedNamingValue() {
    assertThatThrownBy(() -> LocationCapacity.units("PLANT01", -5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity of PLANT01 must be finite and >= 0, was -5.0");
    assertThatThrownBy(() -> LocationCapacity.units("PLANT01", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity of PLANT01 must be finite and >= 0, was NaN");
    assertThatThrownBy(() -> new CapacityRequest("SKU1", Double.NaN, 0, 1, 0, 1, 1, U100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stockAfterOrder of SKU1 must be finite, was NaN");
    assertThatThrownBy(() -> new CapacityRequest("SKU1", 50, 30, 12, 0, 1, 1, U100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("order of SKU1 must be a whole number of cases of 12 units, was 30.0");
    assertThatThrownBy(() -> new CapacityRequest("SKU1", 50, 24, 12, 40, 1, 1, U100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("order of SKU1 must be 0 or >= moq (40.0), was 24.0");
    assertThatThrownBy(() -> new CapacityRequest("SKU1", 50, -12, 12, 0, 1, 1, U100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("order of SKU1 must be finite and >= 0, was -12.0");
    assertThatThrownBy(() -> new CapacityRequest("SKU1", 50, 12, 0, 0, 1, 1, U100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("casePack of SKU1 must be >= 1, was 0");
    assertThatThrownBy(() -> new CapacityRequest("SKU1", 50, 12, 12, 0, 0, 1, U100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unitVolume of SKU1 must be finite and > 0, was 0.0");
    assertThatThrownBy(() -> new CapacityRequest("SKU1", 50, 12, 12, 0, 1, -2, U100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unitValue of SKU1 must be finite and >= 0, was -2.0");
    assertThatThrownBy(
            () ->
                CapacityAllocator.allocate(
                    LocationCapacity.units("PLANT01", 10),
                    List.of(
                        new CapacityRequest("SKU1", 5, 0, 1, 0, 1, 1, U100),
                        new CapacityRequest("SKU1", 5, 0, 1, 0, 1, 1, U100))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicate request key 'SKU1' at PLANT01");
  }
}
