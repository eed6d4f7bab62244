package io.demandcast.pipelines.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every term the planner page uses, with what it means there; the page's glossary section, and
 * the tooltips of its column headers. A term's anchor on the page is {@code #g-} and its {@link
 * #id}.
 */
final class Glossary {
  private Glossary() {}

  /** A term and its definition (plain text). */
  record Term(String term, String definition) {}

  /** The terms, in the order the glossary lists them. */
  static final List<Term> TERMS =
      List.of(
          new Term("SKU", "Stock keeping unit: one item as it is stocked and sold."),
          new Term(
              "location",
              "The plant, warehouse or store holding the stock. Every recommendation is for one"
                  + " SKU at one location."),
          new Term(
              "series",
              "The sales of one SKU at one location over time, forecast on its own."),
          new Term(
              "description",
              "The item's description in erp_items."),
          new Term(
              "supplier",
              "Who the item is bought from (erp_items.supplier); the lead time is measured on"
                  + " this supplier's shipments."),
          new Term(
              "ship mode",
              "How the supplier usually ships the item (erp_items.ship_mode), e.g. Air or Truck."),
          new Term(
              "demand calendar",
              "The periods demand is forecast in: calendar months, ISO weeks (from Monday) or"
                  + " days. Forecasts and sales histories are in units per period."),
          new Term(
              "sales history",
              "Units sold per period (erp_sales), up to the period before the first forecast;"
                  + " a period without a sale counts as 0."),
          new Term(
              "forecast mean",
              "The expected demand per period: what the lead-time demand, the safety stock and"
                  + " the reorder point are computed from."),
          new Term(
              "p10, p50, p90",
              "Forecast quantiles per period: demand is expected to stay below p10 in 1 period"
                  + " of 10, below p50 (the median) in half of them and below p90 in 9 of 10."
                  + " For intermittent demand (most periods without a sale) the median can be 0"
                  + " while the mean is above 0: a typical period sells nothing, some sell"
                  + " several units."),
          new Term(
              "forecast band",
              "The range from p10 to p90 of each forecast period: 8 periods in 10 are expected"
                  + " to fall inside it."),
          new Term(
              "horizon",
              "How many periods ahead of the forecast origin a forecast is; 1 is the next"
                  + " period."),
          new Term(
              "model",
              "The forecasting method behind a forecast (demand_forecasts.model)."),
          new Term(
              "combination",
              "The run's forecast when several models are averaged: every candidate (ETS,"
                  + " Theta, ARIMA, seasonal naive) weighted by one over its squared backtest"
                  + " MASE, or for intermittent demand the plain mean of the five that"
                  + " backtest best (with Croston-SBA, TSB and a moving average among the"
                  + " candidates). Its p10 and p90 come from its own backtest errors."),
          new Term(
              "seasonal naive",
              "seasonal_naive: the forecast that repeats the sales of the same period one"
                  + " season earlier (the same month last year). The yardstick every forecast"
                  + " is scored against, here and in the policy simulation."),
          new Term(
              "backtest",
              "Forecasting periods already sold, from earlier origins, with a model fitted"
                  + " only on the history before them, and scoring the forecasts against what"
                  + " sold."),
          new Term(
              "MASE",
              "Mean absolute scaled error of the backtest: the mean absolute forecast error"
                  + " divided by the in-sample mean absolute error of the seasonal naive"
                  + " forecast (M4's definition). Lower is better."),
          new Term(
              "series skipped",
              "Series without a forecast (for example no demand recorded); forecast_accuracy"
                  + " has a row of model none saying why."),
          new Term(
              "rows rejected",
              "Source rows that failed validation; each is in rejected_records with its"
                  + " reason."),
          new Term(
              "ABC class",
              "A, B or C by annual forecast value (forecast times unit cost): A the items"
                  + " making up the first 80 % of the value, B the next 15 %, C the rest."),
          new Term(
              "XYZ class",
              "X, Y or Z by how much demand varies (coefficient of variation of the history):"
                  + " X below 0.5, Y up to 1.0, Z above."),
          new Term(
              "policy",
              "How the item is replenished: s_S, continuous review (s, S): when the inventory"
                  + " position reaches the reorder point s, order up to S; s_Q, continuous"
                  + " review (s, Q): order whole lots of Q; R_S, periodic review (R, S): every R"
                  + " days order up to S."),
          new Term(
              "review period",
              "Days between two reviews of an item under the R_S policy (erp_items."
                  + "review_period_days); 0 for continuous review."),
          new Term(
              "lead time",
              "Days from placing an order to the goods being available: the mean (and standard"
                  + " deviation) of the supplier's past shipments by the item's ship mode, from"
                  + " purchase order sent to delivered (logistics_shipments); the lead-time basis"
                  + " says which shipments."),
          new Term(
              "lead-time basis",
              "Which shipments the lead time was measured on, and how many."),
          new Term(
              "lead-time demand",
              "The forecast demand over the mean lead time: the forecast means summed over"
                  + " lead time / days per period periods, the last one in part, each period's"
                  + " demand spread evenly over its days."),
          new Term(
              "protection interval",
              "The time an order must cover: the lead time plus the review period."),
          new Term("on hand", "Units in stock at the location at the last stock count."),
          new Term(
              "quarantined",
              "Units on hand held back and not available, e.g. perishable stock at a location"
                  + " with a recent temperature excursion."),
          new Term("on order", "Units on open purchase orders, not yet received."),
          new Term(
              "inventory position",
              "On hand − quarantined + on order (− backorders): the stock an order decision"
                  + " looks at."),
          new Term(
              "days of cover",
              "How many days the stock available now lasts: (on hand − quarantined) divided by"
                  + " the daily forecast demand over the protection interval (its forecast"
                  + " demand / its days). Empty when no demand is forecast."),
          new Term(
              "safety stock",
              "Stock kept beyond the expected demand over the protection interval, against"
                  + " demand and lead times above forecast: reorder point − expected demand over"
                  + " the protection interval. Units."),
          new Term(
              "reorder point",
              "The inventory position at or below which to order: the expected demand over the"
                  + " protection interval plus the safety stock. A quantity of units for the"
                  + " whole lead time and review period, not per period, so the SKU panel draws it"
                  + " with the projected stock, not with the sales per period."),
          new Term(
              "order-up-to level",
              "The inventory position an order brings the item back to: the reorder point plus"
                  + " the lot for s_S and s_Q, the reorder point itself for R_S."),
          new Term(
              "order now",
              "The units to order now (recommended_order_qty): enough to bring the inventory"
                  + " position to the order-up-to level, raised to the MOQ, rounded up to whole"
                  + " case packs and capped by the demand over the shelf life; 0 when the"
                  + " position is above the reorder point."),
          new Term(
              "orders to place now",
              "The recommendations whose order now is above 0."),
          new Term("EOQ", "Economic order quantity: the lot that balances ordering and holding cost."),
          new Term("MOQ", "Minimum order quantity the supplier accepts."),
          new Term("case pack", "Units per case; orders are whole cases."),
          new Term(
              "shelf life",
              "Days a perishable item keeps; an order is capped at the demand over it."),
          new Term("unit cost", "What one unit costs, in the report's currency."),
          new Term("order value", "Order now times unit cost, in the report's currency."),
          new Term(
              "currency",
              "The currency amounts are in, as the run's --currency option named it; without"
                  + " it amounts are plain numbers in the currency of erp_items.unit_cost."),
          new Term(
              "reason",
              "Why the recommendation is what it is, in a planner's words: the policy's"
                  + " decision, then what changed the order (MOQ, case pack, shelf life,"
                  + " capacity, quarantined stock). The reason filter picks one kind of reason."),
          new Term(
              "service target",
              "The service the policy is set to reach (service_level): the item's own, its"
                  + " ABC/XYZ class's or the run's, as a fill rate or a cycle service level."),
          new Term(
              "fill rate",
              "The share of demanded units met from stock on hand. In the service table: over"
                  + " all items together, so items with more demand weigh more."),
          new Term(
              "item mean fill rate",
              "The mean of the items' own fill rates: every item counts once, however much it"
                  + " sells."),
          new Term(
              "cycle service",
              "The share of replenishment cycles without a stockout (cycle service level)."),
          new Term(
              "expected fill rate",
              "The fill rate the recommended policy is expected to reach, from the forecast"
                  + " and the lead time."),
          new Term(
              "policy simulation",
              "Each series' last 12 periods replayed: the policy set from a forecast made"
                  + " without them, run day by day against their actual demand (table"
                  + " policy_simulation), for the run's forecast and for seasonal naive."),
          new Term(
              "average inventory",
              "In the policy simulation: the units on hand on an average day, summed over the"
                  + " items."),
          new Term(
              "cost",
              "In the policy simulation: holding plus ordering cost over the replayed periods,"
                  + " in the report's currency."),
          new Term(
              "projected stock",
              "The SKU panel's second chart, in units over the protection interval from day 0"
                  + " (the start of the first forecast period): the inventory position without"
                  + " and with today's order, falling by the forecast demand; the stock on hand,"
                  + " rising when an open purchase order arrives (on its expected date) and when"
                  + " today's order arrives (after the lead time); against the safety stock and"
                  + " the reorder point. Below 0 means demand not met from stock."),
          new Term(
              "forecast explanations",
              "When the warehouse has the table forecast_explanations: each forecast period"
                  + " split into its components (level, trend, seasonality, the weights of a"
                  + " combination's members), shown in the SKU panel."),
          new Term(
              "order explanations",
              "When the warehouse has the table order_explanations: the steps from the"
                  + " forecast to the order, shown in the SKU panel."));

  /** The terms by name, for lookups. */
  static final Map<String, Term> BY_TERM = index();

  private static Map<String, Term> index() {
    Map<String, Term> byTerm = new LinkedHashMap<>();
    for (Term t : TERMS) {
      if (byTerm.put(t.term(), t) != null) {
        throw new IllegalStateException("glossary term twice: " + t.term());
      }
    }
    return byTerm;
  }

  /**
   * The anchor id of {@code term} without its {@code g-} prefix: lower case, runs of other than
   * letters and digits as one hyphen ("p10, p50, p90" is {@code p10-p50-p90}).
   *
   * @throws IllegalArgumentException when the glossary has no such term
   */
  static String id(String term) {
    if (!BY_TERM.containsKey(term)) {
      throw new IllegalArgumentException("no glossary term '" + term + "'");
    }
    return term.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }

  /** The definition of {@code term}; throws when there is none. */
  static String definition(String term) {
    id(term);
    return BY_TERM.get(term).definition();
  }
}
