package io.demandcast.forecasting.benchmark;

import io.demandcast.forecasting.Forecaster;
import java.util.Objects;
import java.util.function.Function;

/**
 * A benchmark method that fits one local {@link Forecaster} per series.
 *
 * @param name the method id
 * @param forecaster builds the forecaster for a series (its seasonal period decides the settings)
 */
public record LocalMethod(String name, Function<SeriesSplit, Forecaster> forecaster)
    implements BenchmarkMethod {

  /**
   * Checks the components.
   *
   * @param name the {@code name} component, described on the record
   * @param forecaster the {@code forecaster} component, described on the record
   * @throws NullPointerException if a component is null
   */
  public LocalMethod {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(forecaster, "forecaster");
  }

  @Override
  public double[] forecast(SeriesSplit series) {
    return forecaster.apply(series).fit(series.train()).forecast(series.horizon());
  }
}
