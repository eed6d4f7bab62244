package io.demandcast.pipelines.model;

import java.io.Serializable;
import java.time.LocalDate;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * The latest validated {@code erp_inventory} row of one SKU at one location.
 *
 * @param snapshotDate day counted
 * @param onHand units, &gt;= 0
 * @param quarantined units held back by the ERP, 0 &lt;= quarantined &lt;= onHand
 */
@DefaultCoder(SerializableCoder.class)
public record StockSnapshot(LocalDate snapshotDate, double onHand, double quarantined)
    implements Serializable {}
