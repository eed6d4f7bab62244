/**
 * {@link io.demandcast.forecasting.Forecaster} implementations: naive, seasonal naive and moving
 * average, theta, ARIMA, Yule-Walker autoregression, ridge regression on lags, exponential
 * smoothing in state-space form ({@link io.demandcast.forecasting.models.Ets}, as R's {@code
 * forecast::ets}), STL and MSTL decompositions with ETS on the seasonally adjusted series ({@link
 * io.demandcast.forecasting.models.Stlf}, {@link io.demandcast.forecasting.models.Mstlf}, as R's
 * {@code stlf}) and Croston, Croston-SBA and TSB for intermittent demand.
 */
package io.demandcast.forecasting.models;
