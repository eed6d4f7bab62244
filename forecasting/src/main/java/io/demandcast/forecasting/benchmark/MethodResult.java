package io.demandcast.forecasting.benchmark;

/**
 * The scores of one method on one dataset.
 *
 * <p>Accuracy figures are means over series of the per-series measure; a series whose MASE or
 * RMSSE scale is zero (a constant training part) is left out of that mean only.
 *
 * @param dataset the dataset id
 * @param method the method id; peers run outside the JVM carry a prefix such as {@code r_}
 * @param source who produced the forecasts: {@code demandcast} or the peer's name
 * @param series number of series forecast
 * @param failures series on which the method failed and the naive forecast was scored instead
 * @param smape mean sMAPE in percent (M4 definition)
 * @param mase mean MASE (M4 definition, seasonal lag of the dataset)
 * @param owa the M4 overall weighted average relative to Naive2 on the same series, NaN when
 *     Naive2 was not scored
 * @param rmsse mean RMSSE (M5 formula, scaled by the in-sample one-step naive mean squared error
 *     over the whole training part, the figure the targets quote)
 * @param wallSeconds wall-clock seconds to forecast every series, preparation included
 * @param threads worker threads used
 * @param peakHeapMb peak heap in MiB while the method ran, NaN for peers run elsewhere
 */
public record MethodResult(
    String dataset,
    String method,
    String source,
    int series,
    int failures,
    double smape,
    double mase,
    double owa,
    double rmsse,
    double wallSeconds,
    int threads,
    double peakHeapMb) {

  /**
   * Returns the throughput.
   *
   * @return series forecast per wall-clock second
   */
  public double seriesPerSecond() {
    return wallSeconds > 0.0 ? series / wallSeconds : Double.NaN;
  }
}
