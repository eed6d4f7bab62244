package io.demandcast.inventory.simulation;

/**
 * What a {@link PolicySimulator} run achieved over the measured window (the {@code demand} periods
 * of the {@link SimulationInput}; the warm-up is not counted). Definitions of the day, the cycle
 * and the costs: {@link PolicySimulator}.
 *
 * @param periods the number of measured periods
 * @param measuredDays the number of whole days the measured periods cover
 * @param totalDemand the measured demand, units
 * @param filledFromStock the part of {@code totalDemand} filled from stock on hand on the day of
 *     demand, units (the rest was backordered)
 * @param achievedFillRate β, the fraction of demand filled from stock on the day of demand, {@code
 *     filledFromStock / totalDemand} in [0, 1]; NaN when {@code totalDemand} is 0
 * @param cycles the number of replenishment cycles closed in the measured window
 * @param cyclesWithoutStockout the cycles in which no demand went unfilled from stock
 * @param achievedCycleService α, {@code cyclesWithoutStockout / cycles} in [0, 1]; NaN when no
 *     cycle closed in the measured window
 * @param stockoutPeriods the measured periods with demand not filled from stock on at least one day
 * @param averageOnHand the end-of-day stock on hand averaged over the measured days, units
 * @param averageBackorders the end-of-day backorders averaged over the measured days, units
 * @param ordersPlaced the orders placed on measured days
 * @param unitsOrdered the units ordered on measured days
 * @param holdingCost holding cost over the measured days, currency: {@code holdingCostPerUnitYear ×
 *     averageOnHand × measuredDays / 365}
 * @param orderingCost ordering cost over the measured days, currency: {@code orderCost ×
 *     ordersPlaced}
 * @param totalCost {@code holdingCost + orderingCost}, currency
 */
public record SimulationResult(
    int periods,
    int measuredDays,
    double totalDemand,
    double filledFromStock,
    double achievedFillRate,
    int cycles,
    int cyclesWithoutStockout,
    double achievedCycleService,
    int stockoutPeriods,
    double averageOnHand,
    double averageBackorders,
    int ordersPlaced,
    double unitsOrdered,
    double holdingCost,
    double orderingCost,
    double totalCost) {}
