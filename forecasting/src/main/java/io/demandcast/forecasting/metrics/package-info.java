/** Forecast accuracy measures following the M4 and M5 competition guides. */
package io.demandcast.forecasting.metrics;
