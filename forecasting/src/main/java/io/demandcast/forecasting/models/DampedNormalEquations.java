package io.demandcast.forecasting.models;

/**
 * The step of a damped Gauss-Newton (Levenberg-Marquardt) iteration for a conditional sum of
 * squares, shared by {@link Arima} and {@link SeasonalArima}: solves {@code (M + lambda
 * diag(J'J) + ridge I) step = -g} by a Cholesky factorisation, with {@code M} the Hessian or
 * {@code J'J} and {@code ridge = 1e-12 max diag(J'J)} (K. Levenberg, "A method for the solution of
 * certain non-linear problems in least squares", Quarterly of Applied Mathematics 2(2), 1944; D.
 * W. Marquardt, SIAM Journal on Applied Mathematics 11(2), 1963). Matrices are row-major {@code k
 * x k} arrays of at least {@code k * k} elements.
 */
final class DampedNormalEquations {
  private DampedNormalEquations() {}

  /**
   * Solves for the step.
   *
   * @param matrix M, row-major, only its lower triangle read
   * @param normal J'J, row-major, only its diagonal read (the damping and ridge scale)
   * @param gradient g = J'e, length at least k
   * @param factor work array for the Cholesky factor, at least k * k
   * @param step receives the step, length at least k
   * @param k the number of parameters
   * @param lambda the damping, 0 for a plain (Gauss-)Newton step
   * @return false if the damped matrix is not positive definite or the step is not finite
   */
  static boolean solve(
      double[] matrix,
      double[] normal,
      double[] gradient,
      double[] factor,
      double[] step,
      int k,
      double lambda) {
    double maxDiagonal = 0.0;
    for (int i = 0; i < k; i++) {
      maxDiagonal = Math.max(maxDiagonal, normal[i * k + i]);
    }
    double ridge = 1e-12 * maxDiagonal;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        double s = matrix[i * k + j];
        if (i == j) {
          s += lambda * normal[i * k + i] + ridge;
        }
        for (int l = 0; l < j; l++) {
          s -= factor[i * k + l] * factor[j * k + l];
        }
        if (i == j) {
          if (!(s > 0.0)) {
            return false;
          }
          factor[i * k + i] = Math.sqrt(s);
        } else {
          factor[i * k + j] = s / factor[j * k + j];
        }
      }
    }
    for (int i = 0; i < k; i++) {
      double s = -gradient[i];
      for (int l = 0; l < i; l++) {
        s -= factor[i * k + l] * step[l];
      }
      step[i] = s / factor[i * k + i];
    }
    for (int i = k - 1; i >= 0; i--) {
      double s = step[i];
      for (int l = i + 1; l < k; l++) {
        s -= factor[l * k + i] * step[l];
      }
      step[i] = s / factor[i * k + i];
    }
    for (int i = 0; i < k; i++) {
      if (!Double.isFinite(step[i])) {
        return false;
      }
    }
    return true;
  }
}
