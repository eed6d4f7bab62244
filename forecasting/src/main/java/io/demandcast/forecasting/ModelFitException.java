package io.demandcast.forecasting;

/**
 * Thrown when a model cannot be fitted to a particular series, for example an autoregression on a
 * constant series or a fit that produces non-finite coefficients. Invalid arguments (null, too
 * short, non-finite input) are reported with {@link IllegalArgumentException} instead.
 */
public class ModelFitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what could not be fitted and why, naming the model and the series length
   */
  public ModelFitException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the library failure that caused it.
   *
   * @param message what could not be fitted and why, naming the model and the series length
   * @param cause the underlying failure, for example from Smile's linear algebra
   */
  public ModelFitException(String message, Throwable cause) {
    super(message, cause);
  }
}
