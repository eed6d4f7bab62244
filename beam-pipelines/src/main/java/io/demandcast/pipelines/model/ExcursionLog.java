package io.demandcast.pipelines.model;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * Temperature readings outside the storage range at one location, counted per day.
 *
 * @param location the location
 * @param outsideByDay day to number of readings outside the range that day (days without any are
 *     absent)
 */
@DefaultCoder(SerializableCoder.class)
public record ExcursionLog(String location, TreeMap<LocalDate, Integer> outsideByDay)
    implements Serializable {

  /** Readings outside the range from {@code from} to {@code to}, both days included. */
  public int outsideBetween(LocalDate from, LocalDate to) {
    int total = 0;
    for (Map.Entry<LocalDate, Integer> e : outsideByDay.subMap(from, true, to, true).entrySet()) {
      total += e.getValue();
    }
    return total;
  }
}
