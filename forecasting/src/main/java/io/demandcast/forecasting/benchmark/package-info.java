/**
 * The forecasting benchmark behind {@code demandcast benchmark}: the public competition datasets
 * ({@link io.demandcast.forecasting.benchmark.Datasets}: M3, M4 Weekly, carparts), the methods it
 * scores ({@link io.demandcast.forecasting.benchmark.Methods}), a runner on a fixed number of
 * threads that scores with the competitions' own measures ({@link
 * io.demandcast.forecasting.benchmark.BenchmarkRunner}), and the CSV files it writes and the peer's
 * forecasts it reads ({@link io.demandcast.forecasting.benchmark.BenchmarkCsv}).
 */
package io.demandcast.forecasting.benchmark;
