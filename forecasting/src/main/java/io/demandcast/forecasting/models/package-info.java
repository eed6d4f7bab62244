/**
 * {@link io.demandcast.forecasting.Forecaster} implementations: seasonal naive, Yule-Walker
 * autoregression, Croston-SBA for intermittent demand and ridge regression on lags.
 */
package io.demandcast.forecasting.models;
