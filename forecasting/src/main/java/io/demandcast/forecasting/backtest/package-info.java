/** Rolling-origin backtesting of a {@link io.demandcast.forecasting.Forecaster} on one series. */
package io.demandcast.forecasting.backtest;
