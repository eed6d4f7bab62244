/**
 * Inventory policies for demandcast: safety stock, reorder point, order-up-to level, economic order
 * quantity and the order to place now, from a demand forecast, a lead time, the item economics and
 * the stock position. Plain Java with no pipeline or database dependency, so Beam DoFns can call it.
 *
 * <p>Entry point: {@link io.demandcast.inventory.ReplenishmentPlanner}. Quantities are in units,
 * durations in days, forecasts in units per period.
 */
package io.demandcast.inventory;
