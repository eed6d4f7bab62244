package io.demandcast.pipelines.model;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * The latest validated {@code erp_inventory} row of one SKU at one location.
 *
 * @param snapshotDate day counted
 * @param onHand units, &gt;= 0
 * @param quarantined units held back by the ERP, 0 &lt;= quarantined &lt;= onHand
 */
public record StockSnapshot(LocalDate snapshotDate, double onHand, double quarantined)
    implements Serializable {}
