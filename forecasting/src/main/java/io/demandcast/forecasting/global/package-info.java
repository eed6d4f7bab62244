/**
 * Global (pooled, cross-learning) forecasting: one regression model trained on the rows of many
 * series at once ({@link io.demandcast.forecasting.global.GlobalRegression}) on features of each
 * series' recent past, scaled per row so that series of different levels share the model ({@link
 * io.demandcast.forecasting.global.FeatureSpec}). A trained model is also a {@link
 * io.demandcast.forecasting.Forecaster} for any one series.
 */
package io.demandcast.forecasting.global;
