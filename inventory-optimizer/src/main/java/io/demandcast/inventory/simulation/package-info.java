/**
 * The policy simulator: replays a demand history of one SKU at one location day by day under a
 * replenishment policy ({@link io.demandcast.inventory.PolicyParameters}) with sampled lead times,
 * and reports the achieved cycle service level, fill rate, stock-out periods, average inventory and
 * cost.
 *
 * <p>Entry point: {@link io.demandcast.inventory.simulation.PolicySimulator#simulate}; its class
 * Javadoc is the contract (day order of events, lead-time convention, cycle definition, costs).
 * Quantities are in units, demand in units per period, times in days, costs in currency.
 */
package io.demandcast.inventory.simulation;
