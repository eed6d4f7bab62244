/**
 * Demand drivers as regressors of a series: {@link io.demandcast.forecasting.drivers.Regressors}
 * (named columns over the history and the forecast horizon, aligned by period index), public
 * holidays by ISO region from Jollyday ({@link io.demandcast.forecasting.drivers.Holidays}) and
 * their columns per day, week or month ({@link
 * io.demandcast.forecasting.drivers.HolidayRegressors}, {@link
 * io.demandcast.forecasting.drivers.PeriodDates}). The forecasters that use them are {@link
 * io.demandcast.forecasting.models.DriverAdjusted} and the holiday-aware candidates of {@link
 * io.demandcast.forecasting.ModelSelection#defaults(io.demandcast.forecasting.SelectionOptions,
 * Regressors)}.
 */
package io.demandcast.forecasting.drivers;
