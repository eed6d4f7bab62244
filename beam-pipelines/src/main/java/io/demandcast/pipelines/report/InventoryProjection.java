package io.demandcast.pipelines.report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The inventory arithmetic of the planner page, from a series' forecast means (units per period)
 * and its recommendation: demand over a number of days, days of cover, and the projected stock over
 * the protection interval. All quantities are in units, all times in days from the start of the
 * first forecast period (day 0).
 *
 * <p>Demand is spread evenly over each forecast period of {@code periodDays} days (30.4375 for
 * months, 7 for weeks, 1 for days), and periods beyond the forecast's horizon repeat the mean of
 * its means: D(t), the demand forecast from day 0 to day t, is the sum of the whole periods'
 * means before t plus the share of the period t falls in. This is the inventory optimizer's
 * lead-time demand ({@code LeadTimeDemand}: μ over L = days / periodDays periods), so D(lead time +
 * review period) is the mean demand the safety stock and reorder point were set for.
 */
final class InventoryProjection {
  private InventoryProjection() {}

  /** A point of a projected line: units on {@code day}. */
  record Point(double day, double units) {}

  /** An open purchase order arriving on {@code day} (0 for one overdue or without a date). */
  record Arrival(double day, double units) {}

  /**
   * The projection of one SKU at one location over {@code days} (the protection interval: lead
   * time plus review period; one period when both are 0).
   *
   * @param days the last day shown
   * @param leadTimeDays when an order placed on day 0 arrives
   * @param position inventory position (on hand − quarantined + on order) without today's order:
   *     IP − D(t)
   * @param positionWithOrder the same with today's recommended order: IP + q − D(t)
   * @param onHand the units on the shelf: on hand − quarantined − D(t), plus each open purchase
   *     order from its arrival day and today's order from the lead time on; negative means demand
   *     not met from stock
   */
  record Projection(
      double days,
      double leadTimeDays,
      List<Point> position,
      List<Point> positionWithOrder,
      List<Point> onHand) {}

  /**
   * D(days): the forecast demand from day 0 to {@code days}, units.
   *
   * @param means forecast means per period, nearest first (units per period)
   * @param periodDays days per period, above 0
   * @param days days from day 0, at least 0
   * @return the demand, 0 when there is no forecast
   */
  static double demandOver(double[] means, double periodDays, double days) {
    if (means.length == 0 || days <= 0) {
      return 0.0;
    }
    double beyond = 0;
    for (double m : means) {
      beyond += m / means.length;
    }
    double periods = days / periodDays;
    double whole = Math.floor(periods);
    int covered = (int) Math.min(whole, means.length);
    double demand = 0;
    for (int i = 0; i < covered; i++) {
      demand += means[i];
    }
    demand += (whole - covered) * beyond;
    double fraction = periods - whole;
    if (fraction > 0) {
      demand += fraction * (whole < means.length ? means[covered] : beyond);
    }
    return demand;
  }

  /**
   * Days of cover: the stock available now (on hand − quarantined) over the mean daily demand
   * forecast for the protection interval, D(P) / P with P = lead time + review period days (the
   * first period's mean / periodDays when P is 0); the inventory optimizer's {@code days_of_cover}.
   *
   * @return days, or null when the daily demand is 0 (no demand forecast)
   */
  static Double daysOfCover(
      double available, double[] means, double periodDays, double protectionDays) {
    if (means.length == 0) {
      return null;
    }
    double daily =
        protectionDays > 0
            ? demandOver(means, periodDays, protectionDays) / protectionDays
            : means[0] / periodDays;
    return daily > 0 ? available / daily : null;
  }

  /**
   * Projects the stock of one SKU at one location over its protection interval.
   *
   * @param available on hand − quarantined, units
   * @param position inventory position: available + on order (− backorders), units
   * @param orderNow the recommended order placed on day 0, units
   * @param arrivals the open purchase orders (together the on-order quantity)
   * @param means forecast means per period, nearest first
   * @param periodDays days per period
   * @param leadTimeDays mean lead time, days
   * @param reviewDays review period, days (0 for continuous review)
   */
  static Projection project(
      double available,
      double position,
      double orderNow,
      List<Arrival> arrivals,
      double[] means,
      double periodDays,
      double leadTimeDays,
      double reviewDays) {
    double lead = Math.max(0.0, leadTimeDays);
    double end = lead + Math.max(0.0, reviewDays);
    if (end <= 0) {
      end = periodDays;
    }
    TreeSet<Double> days = new TreeSet<>();
    days.add(0.0);
    days.add(end);
    for (double d = periodDays; d < end; d += periodDays) {
      days.add(d);
    }
    TreeSet<Double> jumps = new TreeSet<>();
    for (Arrival a : arrivals) {
      if (a.day() > 0 && a.day() < end) {
        jumps.add(a.day());
      }
    }
    if (orderNow > 0 && lead > 0 && lead <= end) {
      jumps.add(lead);
    }
    days.addAll(jumps);

    List<Point> ip = new ArrayList<>();
    List<Point> ipWithOrder = new ArrayList<>();
    List<Point> onHand = new ArrayList<>();
    for (double day : days) {
      double demand = demandOver(means, periodDays, day);
      ip.add(new Point(day, position - demand));
      ipWithOrder.add(new Point(day, position + orderNow - demand));
      if (jumps.contains(day)) {
        onHand.add(new Point(day, available + arrived(arrivals, orderNow, lead, day, false) - demand));
      }
      onHand.add(new Point(day, available + arrived(arrivals, orderNow, lead, day, true) - demand));
    }
    return new Projection(end, lead, ip, ipWithOrder, onHand);
  }

  /** Units received by {@code day}: those arriving on it counted when {@code inclusive}. */
  private static double arrived(
      List<Arrival> arrivals, double orderNow, double lead, double day, boolean inclusive) {
    double units = 0;
    for (Arrival a : arrivals) {
      if (a.day() <= 0 || (inclusive ? a.day() <= day : a.day() < day)) {
        units += a.units();
      }
    }
    if (orderNow > 0 && (lead == 0 || (inclusive ? lead <= day : lead < day))) {
      units += orderNow;
    }
    return units;
  }
}
