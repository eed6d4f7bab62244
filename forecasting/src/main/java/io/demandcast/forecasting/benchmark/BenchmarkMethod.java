package io.demandcast.forecasting.benchmark;

/**
 * One method the benchmark scores: produces the point forecast of a series' test part from its
 * training part.
 *
 * <p>Implementations are used from several threads at once; {@link #prepare} is called once per
 * dataset, before any {@link #forecast}, and its time counts in the method's wall time (global
 * models train there).
 */
public interface BenchmarkMethod {

  /**
   * Returns the method id printed and written to the CSV.
   *
   * @return a snake_case id such as {@code "ets"} or {@code "auto"}
   */
  String name();

  /**
   * Prepares the method for a dataset, for example by training a model pooled over its series'
   * training parts. The default does nothing.
   *
   * @param dataset the dataset about to be forecast; only training parts may be read
   */
  default void prepare(Dataset dataset) {}

  /**
   * Forecasts one series.
   *
   * @param series the series; only {@link SeriesSplit#train()} and the horizon may be read
   * @return the point forecast, length {@link SeriesSplit#horizon()}, units per period
   * @throws RuntimeException if the method fails on this series; the runner then counts a failure
   *     and scores the naive forecast in its place
   */
  double[] forecast(SeriesSplit series);
}
