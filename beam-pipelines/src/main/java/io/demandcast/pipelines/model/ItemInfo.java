package io.demandcast.pipelines.model;

import java.io.Serializable;

/**
 * The fields of one validated {@code erp_items} row the job uses.
 *
 * @param sku stock keeping unit
 * @param unitCost currency per unit, &gt; 0
 * @param holdingCostRate per year, fraction of unit cost, &gt;= 0
 * @param orderCost currency per order, &gt;= 0
 * @param casePack units per case, &gt;= 1
 * @param moq minimum order quantity, units, &gt;= 0
 * @param supplier supplier, or null
 * @param shipMode usual shipment mode, or null
 * @param shelfLifeDays days, or null when not perishable
 * @param reviewPeriodDays days between periodic reviews (the item gets an (R, S) policy), or null
 *     for continuous review
 * @param serviceLevel the item's own service target in (0, 1), or null
 */
public record ItemInfo(
    String sku,
    double unitCost,
    double holdingCostRate,
    double orderCost,
    int casePack,
    double moq,
    String supplier,
    String shipMode,
    Integer shelfLifeDays,
    Integer reviewPeriodDays,
    Double serviceLevel)
    implements Serializable {}
