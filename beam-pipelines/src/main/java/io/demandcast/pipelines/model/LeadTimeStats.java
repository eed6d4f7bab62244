package io.demandcast.pipelines.model;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * Lead-time statistics of one lane, from shipments' PO-sent and delivered dates.
 *
 * @param shipments number of lead times observed
 * @param meanDays mean lead time, days
 * @param sdDays sample standard deviation of the lead time, days (0 with one shipment)
 */
@DefaultCoder(SerializableCoder.class)
public record LeadTimeStats(long shipments, double meanDays, double sdDays) implements Serializable {}
