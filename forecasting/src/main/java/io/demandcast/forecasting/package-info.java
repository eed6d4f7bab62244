/**
 * Demand forecasting for supply chains: the {@link io.demandcast.forecasting.Forecaster} contract,
 * per-series {@link io.demandcast.forecasting.ModelSelection} and backtest-based prediction {@link
 * io.demandcast.forecasting.Intervals}.
 *
 * <p>Series are {@code double[]} arrays with one value per period in units per period, oldest
 * first. Forecast arrays start one period after the last observation. This module is plain Java and
 * Smile; the Beam pipelines call it from inside their {@code DoFn}s.
 */
package io.demandcast.forecasting;
