package io.demandcast.forecasting;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Argument checks and copies shared by the {@link Forecaster} implementations. */
public final class Histories {

  private Histories() {}

  /**
   * Validates a history and returns a private copy of it.
   *
   * @param model the {@link Forecaster#name()} to put in messages
   * @param history one value per period, oldest first
   * @param minHistory the fewest observations accepted
   * @return a copy of {@code history}
   * @throws IllegalArgumentException if {@code history} is null, shorter than {@code minHistory} or
   *     contains NaN or an infinity; the message names the problem and the length
   */
  public static double[] validatedCopy(String model, double[] history, int minHistory) {
    if (history == null) {
      throw new IllegalArgumentException(model + ": history is null");
    }
    if (history.length < minHistory) {
      throw new IllegalArgumentException(
          String.format(
              "%s: history has length %d but at least %d observations are needed",
              model, history.length, minHistory));
    }
    for (int t = 0; t < history.length; t++) {
      if (!Double.isFinite(history[t])) {
        throw new IllegalArgumentException(
            String.format(
                "%s: history[%d] = %s is not finite (length %d)",
                model, t, history[t], history.length));
      }
    }
    return history.clone();
  }

  /**
   * Checks a forecast horizon.
   *
   * @param horizon number of periods requested
   * @throws IllegalArgumentException if {@code horizon < 1}
   */
  public static void requireHorizon(int horizon) {
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
    }
  }

  /**
   * Returns an unmodifiable, insertion-ordered copy of a parameter map.
   *
   * @param parameters fitted parameters in the order they should be reported
   * @return an unmodifiable {@link LinkedHashMap} copy
   */
  public static Map<String, Double> frozen(Map<String, Double> parameters) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }
}
