package io.demandcast.inventory;

/**
 * Demand over a protection interval — the replenishment lead time, plus the review period for
 * periodic review — derived from a period forecast and a lead time.
 *
 * <p>With L = (meanDays + reviewDays) / periodDays periods (fractional), the lead time covers periods 0 … ⌊L⌋ − 1
 * fully and period ⌊L⌋ with weight L − ⌊L⌋. Periods beyond the forecast's length repeat the mean of
 * the available periods' means, and their variance the mean of the available periods' variances
 * (sd²), i.e. the forecast is extended flat.
 *
 * <ul>
 *   <li>μ_L = Σ w_i · mean_i (units);
 *   <li>D = μ_L / L, or mean_0 when L = 0 (units per period);
 *   <li>σ_d = √(Σ w_i · sd_i² / L), the root-mean-square of sd over the same periods, or sd_0 when L
 *       = 0 (units per period);
 *   <li>σ_L = sdDays / periodDays (periods; the review period is fixed and adds no variance);
 *   <li>σ = √(L · σ_d² + D² · σ_L²) (units): random demand over a random lead time, periods
 *       independent (Silver, Pyke &amp; Thomas, 2017, ch. 6–7; Axsäter, 2015).
 * </ul>
 *
 * @param mean μ_L, expected lead-time demand in units
 * @param perPeriodDemand D, in units per period
 * @param perPeriodSd σ_d, in units per period
 * @param sd σ, standard deviation of the lead-time demand in units
 */
record LeadTimeDemand(double mean, double perPeriodDemand, double perPeriodSd, double sd) {

  /** Computes the lead-time demand of {@code forecast} over {@code leadTime}, as described above. */
  static LeadTimeDemand of(DemandForecast forecast, LeadTime leadTime) {
    return of(forecast, leadTime, 0);
  }

  /**
   * Computes the demand of {@code forecast} over the lead time plus {@code reviewDays}, as
   * described above.
   */
  static LeadTimeDemand of(DemandForecast forecast, LeadTime leadTime, double reviewDays) {
    double[] means = forecast.mean();
    double[] sds = forecast.sd();
    int horizon = means.length;
    double periods = (leadTime.meanDays() + reviewDays) / forecast.periodDays();
    double leadTimeSdPeriods = leadTime.sdDays() / forecast.periodDays();

    double meanBeyond = 0;
    double varianceBeyond = 0;
    for (int i = 0; i < horizon; i++) {
      meanBeyond += means[i] / horizon;
      varianceBeyond += sds[i] * sds[i] / horizon;
    }

    double wholePeriods = Math.floor(periods);
    int covered = (int) Math.min(wholePeriods, horizon);
    double mean = 0;
    double variance = 0;
    for (int i = 0; i < covered; i++) {
      mean += means[i];
      variance += sds[i] * sds[i];
    }
    mean += (wholePeriods - covered) * meanBeyond;
    variance += (wholePeriods - covered) * varianceBeyond;
    double fraction = periods - wholePeriods;
    if (fraction > 0) {
      boolean inForecast = wholePeriods < horizon;
      mean += fraction * (inForecast ? means[covered] : meanBeyond);
      variance += fraction * (inForecast ? sds[covered] * sds[covered] : varianceBeyond);
    }

    double perPeriodDemand = periods > 0 ? mean / periods : means[0];
    double perPeriodSd = periods > 0 ? Math.sqrt(variance / periods) : sds[0];
    double sd =
        Math.sqrt(
            periods * perPeriodSd * perPeriodSd
                + perPeriodDemand * perPeriodDemand * leadTimeSdPeriods * leadTimeSdPeriods);
    return new LeadTimeDemand(mean, perPeriodDemand, perPeriodSd, sd);
  }
}
