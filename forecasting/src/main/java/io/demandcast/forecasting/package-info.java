/**
 * Demand forecasting for supply chains: the {@link io.demandcast.forecasting.Forecaster} contract,
 * per-series {@link io.demandcast.forecasting.ModelSelection} (rolling-origin cross-validation and
 * combination) and prediction {@link io.demandcast.forecasting.Intervals} from a model's own
 * variance or from backtest errors. The models are in {@code models}, pooled models in {@code
 * global}, measures in {@code metrics}, demand drivers such as holidays in {@code drivers},
 * the backtest in {@code backtest} and the competition benchmark in {@code benchmark}.
 *
 * <p>Series are {@code double[]} arrays with one value per period in units per period, oldest
 * first. Forecast arrays start one period after the last observation. This module is plain Java, Smile
 * and Hipparchus; the Beam pipelines call it from inside their {@code DoFn}s.
 */
package io.demandcast.forecasting;
