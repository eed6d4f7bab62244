package io.demandcast.forecasting.models;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One exponential smoothing form ETS(error, trend, season) and its innovations state-space
 * recursions: the one-step filter used by the likelihood, point forecasts and forecast variances.
 *
 * <p>The state vector has the layout of R's {@code forecast::ets}: {@code (l, [b], [s_1..s_m])}
 * where {@code s_m} is the seasonal component of the period about to be observed and {@code s_1}
 * the one observed most recently. The recursions are R's {@code etscalc} (Hyndman, Koehler, Ord
 * and Snyder, <i>Forecasting with Exponential Smoothing: The State Space Approach</i>, Springer,
 * 2008, Table 2.3), which are the same for additive and multiplicative errors; only the likelihood
 * depends on the error type. With {@code q} the one-step forecast of the level-trend part ({@code
 * l}, {@code l + phi b} or {@code l b^phi}), {@code phib} its trend part and {@code beta* = beta /
 * alpha}:
 *
 * <pre>
 *   l_t = q + alpha (p - q),            p = y_t, y_t - s or y_t / s
 *   b_t = phib + beta* (r - phib),      r = l_t - l_{t-1} or l_t / l_{t-1}
 *   s_t = s + gamma (u - s),            u = y_t - q or y_t / q
 * </pre>
 *
 * <p>{@link #run} evaluates them in an equivalent error-correction order (it takes beta itself, so
 * alpha may be 0).
 *
 * <p>Instances are immutable and serializable; the working arrays are passed in by the caller.
 */
final class EtsModel implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  static final int NONE = 0;
  static final int ADDITIVE = 1;
  static final int MULTIPLICATIVE = 2;

  /** Tolerance of R's etscalc for phi = 1 in the damped sums. */
  private static final double TOL = 1.0e-10;

  private static final double LN2 = Math.log(2.0);
  private static final Pattern FORM = Pattern.compile("([AM])([NAM])(d?)([NAM])");

  /** Sample paths for the simulated variance of multiplicative-trend forms, as R's default. */
  private static final int SIMULATION_PATHS = 5000;

  private static final long SIMULATION_SEED = 20080101L;

  final int error;
  final int trend;
  final boolean damped;
  final int season;

  /** Season length; 1 when there is no seasonal component. */
  final int m;

  EtsModel(int error, int trend, boolean damped, int season, int m) {
    this.error = error;
    this.trend = trend;
    this.damped = damped;
    this.season = season;
    this.m = season == NONE ? 1 : m;
  }

  /**
   * Parses a form such as {@code "ANN"}, {@code "AAdN"} or {@code "MAM"}.
   *
   * @param form error letter (A, M), trend letter (N, A, M) optionally followed by {@code d}
   *     (damped), season letter (N, A, M)
   * @param m season length used when the form is seasonal
   * @return the model, or null when {@code form} does not match the syntax
   */
  static EtsModel parse(String form, int m) {
    if (form == null) {
      return null;
    }
    Matcher matcher = FORM.matcher(form);
    if (!matcher.matches()) {
      return null;
    }
    int trend = code(matcher.group(2).charAt(0));
    boolean damped = !matcher.group(3).isEmpty();
    if (damped && trend == NONE) {
      return null;
    }
    return new EtsModel(
        code(matcher.group(1).charAt(0)), trend, damped, code(matcher.group(4).charAt(0)), m);
  }

  private static int code(char letter) {
    return switch (letter) {
      case 'A' -> ADDITIVE;
      case 'M' -> MULTIPLICATIVE;
      default -> NONE;
    };
  }

  private static char letter(int code) {
    return code == ADDITIVE ? 'A' : code == MULTIPLICATIVE ? 'M' : 'N';
  }

  /** Returns the form, e.g. {@code "MAdM"}. */
  String form() {
    return "" + letter(error) + letter(trend) + (damped ? "d" : "") + letter(season);
  }

  /** Returns the same form with the seasonal component removed. */
  EtsModel withoutSeason() {
    return new EtsModel(error, trend, damped, NONE, 1);
  }

  /**
   * Returns true for the forms R's {@code ets} refuses with {@code restrict = TRUE}: additive error
   * with a multiplicative trend or season, and ETS(M,M,A).
   */
  boolean isRestricted() {
    return (error == ADDITIVE && (trend == MULTIPLICATIVE || season == MULTIPLICATIVE))
        || (error == MULTIPLICATIVE && trend == MULTIPLICATIVE && season == ADDITIVE);
  }

  /** Index of the first seasonal component in the state vector. */
  int seasonOffset() {
    return trend == NONE ? 1 : 2;
  }

  /** Length of the state vector (all m seasonal components included). */
  int stateLength() {
    return seasonOffset() + (season == NONE ? 0 : m);
  }

  /**
   * Runs the recursions over {@code y} from {@code x0} and returns R's likelihood criterion {@code
   * n log(SSE)}, plus {@code 2 sum log|yhat_t|} for multiplicative errors, where the errors are
   * {@code y - yhat} (additive) or {@code (y - yhat) / yhat} (multiplicative). This is -2 times the
   * Gaussian log-likelihood with the variance concentrated out, less constants (Hyndman et al.
   * 2008, section 5.2).
   *
   * <p>The updates are R's, rearranged in error-correction form around the one-step error {@code
   * d = y - yhat}, which shortens the chain of dependent operations per period: with {@code delta
   * = d} (or {@code d / s} for a multiplicative season), {@code l = q + alpha delta}, {@code b =
   * phib + beta delta} (or {@code phib + beta delta / l} for a multiplicative trend) and {@code s =
   * s + gamma d} (or {@code s + gamma d / q}).
   *
   * @param y the observations
   * @param alpha level smoothing
   * @param beta trend smoothing (ignored without trend)
   * @param gamma seasonal smoothing (ignored without season)
   * @param phi damping (1 when not damped)
   * @param x0 initial state, {@link #stateLength()} long
   * @param ring work array of length at least {@code m}
   * @param residuals receives the errors when not null
   * @param fitted receives the one-step forecasts when not null
   * @param finalState receives the state after the last observation when not null (may be {@code
   *     x0})
   * @return the criterion; NaN when a multiplicative trend turns negative; infinite or NaN when
   *     the recursions overflow
   */
  double run(
      double[] y,
      double alpha,
      double beta,
      double gamma,
      double phi,
      double[] x0,
      double[] ring,
      double[] residuals,
      double[] fitted,
      double[] finalState) {
    if (residuals == null && fitted == null && finalState == null && trend != MULTIPLICATIVE) {
      return criterionFast(y, alpha, beta, gamma, phi, x0, ring);
    }
    final int n = y.length;
    final int so = seasonOffset();
    final boolean multError = error == MULTIPLICATIVE;
    double l = x0[0];
    double b = trend == NONE ? 0.0 : x0[1];
    if (season != NONE) {
      for (int k = 0; k < m; k++) {
        ring[k] = x0[so + m - 1 - k];
      }
    }
    double sse = 0.0;
    double product = 1.0; // product of |yhat| scaled by 2^-exponents
    long exponents = 0;
    int j = 0;
    for (int t = 0; t < n; t++) {
      double phib;
      double q;
      if (trend == NONE) {
        phib = 0.0;
        q = l;
      } else if (trend == ADDITIVE) {
        phib = phi * b;
        q = l + phib;
      } else {
        if (b < 0.0) {
          return Double.NaN;
        }
        phib = damped ? Math.pow(b, phi) : b;
        q = l * phib;
      }
      double s = season == NONE ? 0.0 : ring[j];
      double yhat = season == NONE ? q : season == ADDITIVE ? q + s : q * s;
      double d = y[t] - yhat;
      double e = d;
      if (multError) {
        e = d / yhat;
        product *= Math.abs(yhat);
        if (product > 0x1p500 || product < 0x1p-500) {
          int exponent = Math.getExponent(product);
          product = Math.scalb(product, -exponent);
          exponents += exponent;
        }
      }
      sse += e * e;
      if (residuals != null) {
        residuals[t] = e;
      }
      if (fitted != null) {
        fitted[t] = yhat;
      }
      double delta = season == MULTIPLICATIVE ? d / s : d;
      double level = q + alpha * delta;
      if (trend == ADDITIVE) {
        b = phib + beta * delta;
      } else if (trend == MULTIPLICATIVE) {
        b = phib + beta * delta / l;
      }
      if (season != NONE) {
        ring[j] = season == ADDITIVE ? s + gamma * d : s + gamma * d / q;
        j = j + 1 == m ? 0 : j + 1;
      }
      l = level;
    }
    if (finalState != null) {
      finalState[0] = l;
      if (trend != NONE) {
        finalState[1] = b;
      }
      if (season != NONE) {
        for (int k = 0; k < m; k++) {
          finalState[so + k] = ring[Math.floorMod(j - 1 - k, m)];
        }
      }
    }
    return criterion(n, sse, product, exponents);
  }

  private double criterion(int n, double sse, double product, long exponents) {
    double criterion = n * Math.log(sse);
    if (error == MULTIPLICATIVE) {
      criterion += 2.0 * (Math.log(product) + exponents * LN2);
    }
    return criterion;
  }

  /**
   * {@link #run} without outputs for forms with no or an additive (possibly damped) trend. With the
   * seasonally adjusted observation {@code u = y} (no season), {@code y - s} or {@code y / s}, the
   * updates are the linear map {@code l' = (1 - alpha)(l + phi b) + alpha u}, {@code b' = phi b +
   * beta (u - l - phi b)}, whose chain of dependent operations per period is about half that of
   * the textbook order; the seasonal update and the error only feed the likelihood and the season
   * m periods later.
   */
  private double criterionFast(
      double[] y, double alpha, double beta, double gamma, double phi, double[] x0, double[] ring) {
    final int n = y.length;
    final boolean multError = error == MULTIPLICATIVE;
    final double phiUsed = trend == NONE ? 0.0 : phi;
    final double betaUsed = trend == NONE ? 0.0 : beta;
    final double a11 = 1.0 - alpha;
    final double a12 = (1.0 - alpha) * phiUsed;
    final double a21 = -betaUsed;
    final double a22 = (1.0 - betaUsed) * phiUsed;
    double l = x0[0];
    double b = trend == NONE ? 0.0 : x0[1];
    double sse = 0.0;
    double product = 1.0;
    long exponents = 0;
    if (season == NONE) {
      for (int t = 0; t < n; t++) {
        double yt = y[t];
        double q = l + phiUsed * b;
        double d = yt - q;
        double e = d;
        if (multError) {
          e = d / q;
          product *= Math.abs(q);
          if (product > 0x1p500 || product < 0x1p-500) {
            int exponent = Math.getExponent(product);
            product = Math.scalb(product, -exponent);
            exponents += exponent;
          }
        }
        sse += e * e;
        double level = a11 * l + (a12 * b + alpha * yt);
        b = a21 * l + (a22 * b + betaUsed * yt);
        l = level;
      }
      return criterion(n, sse, product, exponents);
    }
    final int so = seasonOffset();
    for (int k = 0; k < m; k++) {
      ring[k] = x0[so + m - 1 - k];
    }
    final boolean multSeason = season == MULTIPLICATIVE;
    int j = 0;
    for (int t = 0; t < n; t++) {
      double yt = y[t];
      double s = ring[j];
      double q = l + phiUsed * b;
      double yhat;
      double u;
      if (multSeason) {
        yhat = q * s;
        u = yt / s;
      } else {
        yhat = q + s;
        u = yt - s;
      }
      double d = yt - yhat;
      double e = d;
      if (multError) {
        e = d / yhat;
        product *= Math.abs(yhat);
        if (product > 0x1p500 || product < 0x1p-500) {
          int exponent = Math.getExponent(product);
          product = Math.scalb(product, -exponent);
          exponents += exponent;
        }
      }
      sse += e * e;
      ring[j] = multSeason ? s + gamma * d / q : s + gamma * d;
      j = j + 1 == m ? 0 : j + 1;
      double level = a11 * l + (a12 * b + alpha * u);
      b = a21 * l + (a22 * b + betaUsed * u);
      l = level;
    }
    return criterion(n, sse, product, exponents);
  }

  /**
   * Point forecasts by the state recursions without errors: {@code l + (phi + ... + phi^h) b} (or
   * {@code l b^(phi + ... + phi^h)}), times or plus the seasonal component.
   *
   * @param state the state after the last observation
   * @param phi damping (1 when not damped)
   * @param horizon number of periods
   * @return the forecasts; NaN where a multiplicative trend is negative
   */
  double[] pointForecast(double[] state, double phi, int horizon) {
    double[] f = new double[horizon];
    double l = state[0];
    double b = trend == NONE ? 0.0 : state[1];
    int so = seasonOffset();
    double phiStar = phi;
    for (int i = 0; i < horizon; i++) {
      if (trend == NONE) {
        f[i] = l;
      } else if (trend == ADDITIVE) {
        f[i] = l + phiStar * b;
      } else {
        f[i] = b < 0.0 ? Double.NaN : l * Math.pow(b, phiStar);
      }
      if (season != NONE) {
        double s = state[so + Math.floorMod(m - 1 - i, m)];
        f[i] = season == ADDITIVE ? f[i] + s : f[i] * s;
      }
      phiStar += Math.abs(phi - 1.0) < TOL ? 1.0 : Math.pow(phi, i + 2);
    }
    return f;
  }

  /**
   * The point forecasts of {@link #pointForecast} split into level, trend and season, each in the
   * state's units: the level {@code l}; the trend {@code (phi + ... + phi^h) b}, or {@code l
   * (b^(phi + ... + phi^h) - 1)} for a multiplicative trend; the season {@code s}, or {@code (l +
   * trend)(s - 1)} for a multiplicative season. They add up to the point forecast step by step.
   *
   * @param state the state after the last observation
   * @param phi damping (1 when not damped)
   * @param horizon number of periods
   * @return {level, trend, season}, each of length {@code horizon}; trend and season all 0 when
   *     the form has none; NaN where a multiplicative trend is negative
   */
  double[][] pointComponents(double[] state, double phi, int horizon) {
    double[] level = new double[horizon];
    double[] trendPart = new double[horizon];
    double[] seasonPart = new double[horizon];
    double l = state[0];
    double b = trend == NONE ? 0.0 : state[1];
    int so = seasonOffset();
    double phiStar = phi;
    for (int i = 0; i < horizon; i++) {
      level[i] = l;
      if (trend == ADDITIVE) {
        trendPart[i] = phiStar * b;
      } else if (trend == MULTIPLICATIVE) {
        trendPart[i] = b < 0.0 ? Double.NaN : l * Math.pow(b, phiStar) - l;
      }
      if (season != NONE) {
        double s = state[so + Math.floorMod(m - 1 - i, m)];
        seasonPart[i] = season == ADDITIVE ? s : (l + trendPart[i]) * (s - 1.0);
      }
      phiStar += Math.abs(phi - 1.0) < TOL ? 1.0 : Math.pow(phi, i + 2);
    }
    return new double[][] {level, trendPart, seasonPart};
  }

  /**
   * The coefficients {@code c_j = alpha + beta (phi + ... + phi^j) + gamma [j mod m = 0]} of the
   * linear forms, Hyndman et al. 2008, Table 6.1, for {@code j = 1..horizon-1}.
   */
  private double[] linearCoefficients(
      double alpha, double beta, double gamma, double phi, int horizon) {
    double[] c = new double[Math.max(horizon - 1, 0)];
    double phiSum = 0.0;
    double phiPower = 1.0;
    for (int j = 1; j < horizon; j++) {
      phiPower *= phi;
      phiSum += phiPower;
      double cj = alpha;
      if (trend != NONE) {
        cj += beta * phiSum;
      }
      if (season != NONE && j % m == 0) {
        cj += gamma;
      }
      c[j - 1] = cj;
    }
    return c;
  }

  /**
   * Returns the mean forecasts: the point forecasts, except for ETS(M,N/A/Ad,M) where it is the
   * class 3 mean of Hyndman et al. 2008, section 6.3, as R's {@code forecast.ets} gives it.
   */
  double[] mean(
      double[] state,
      double alpha,
      double beta,
      double gamma,
      double phi,
      double sigma2,
      int horizon) {
    if (isClass3()) {
      return class3(state, alpha, beta, gamma, phi, sigma2, horizon)[0];
    }
    return pointForecast(state, phi, horizon);
  }

  /** Additive error, no multiplicative component: linear (class 1). */
  boolean isClass1() {
    return error == ADDITIVE && trend != MULTIPLICATIVE && season != MULTIPLICATIVE;
  }

  /** Multiplicative error, additive or no trend and season (class 2). */
  boolean isClass2() {
    return error == MULTIPLICATIVE && trend != MULTIPLICATIVE && season != MULTIPLICATIVE;
  }

  /** Multiplicative error and season, additive or no trend (class 3). */
  boolean isClass3() {
    return error == MULTIPLICATIVE && trend != MULTIPLICATIVE && season == MULTIPLICATIVE;
  }

  /**
   * Returns the forecast-error variances for {@code h = 1..horizon}: exact for classes 1 to 3
   * (Hyndman et al. 2008, sections 6.1-6.3, the formulas of R's {@code class1}, {@code class2} and
   * {@code class3}); for the other forms (multiplicative trend) the variance of {@value
   * #SIMULATION_PATHS} simulated sample paths with a fixed seed.
   *
   * <p>Two places where R's code departs from the book and this class follows the book: R's
   * {@code class1} puts gamma on the second seasonal state when there is no trend ({@code G[3,
   * 1]}), so for ETS(A,N,A) and ETS(M,N,A) its {@code c_j} carries gamma at {@code j = m - 1}
   * (mod m) instead of {@code j = 0} (mod m) (variances differ at {@code h = 0} mod m, by 0.05% for
   * USAccDeaths); and R's {@code class3} damps one step late (see {@link #class3}).
   */
  double[] variance(
      double[] state,
      double alpha,
      double beta,
      double gamma,
      double phi,
      double sigma2,
      int horizon) {
    if (isClass1() || isClass2()) {
      double[] c = linearCoefficients(alpha, beta, gamma, phi, horizon);
      double[] v = new double[horizon];
      if (isClass1()) {
        double sum = 1.0;
        v[0] = sigma2;
        for (int j = 1; j < horizon; j++) {
          sum += c[j - 1] * c[j - 1];
          v[j] = sigma2 * sum;
        }
        return v;
      }
      double[] mu = pointForecast(state, phi, horizon);
      double[] theta = new double[horizon];
      for (int j = 0; j < horizon; j++) {
        double sum = 0.0;
        for (int i = 0; i < j; i++) {
          sum += c[i] * c[i] * theta[j - 1 - i];
        }
        theta[j] = mu[j] * mu[j] + sigma2 * sum;
        v[j] = (1.0 + sigma2) * theta[j] - mu[j] * mu[j];
      }
      return v;
    }
    if (isClass3()) {
      return class3(state, alpha, beta, gamma, phi, sigma2, horizon)[1];
    }
    return simulatedVariance(state, alpha, beta, gamma, phi, sigma2, horizon);
  }

  /**
   * Mean and variance of ETS(M,N/A/Ad,M), Hyndman et al. 2008, section 6.3 (R's {@code class3}):
   * the level-trend part {@code x1 = (l, b)} and the seasonal part {@code x2} are tracked as the
   * matrix {@code M_h = E[x1 x2']} and the covariance {@code V_h} of its column-major
   * vectorisation, with {@code x1} evolving by {@code F1 = [1 phi; 0 phi]}, measured by {@code w1 =
   * (1, phi)} and corrected by {@code G1 = (alpha, beta)' w1}.
   *
   * <p>R's {@code class3} uses {@code F1 = [1 1; 0 phi]} and {@code w1 = (1, 1)} for damped
   * trends, which makes its mean lag one damping step behind its own point forecast (for
   * AirPassengers' ETS(M,Ad,M) by 0.01% at h = 1); this class keeps the damping of the model, so
   * for damped forms the mean here equals the point forecast at h = 1 and differs from R's by that
   * small amount.
   *
   * @return {mean, variance}
   */
  private double[][] class3(
      double[] state,
      double alpha,
      double beta,
      double gamma,
      double phi,
      double sigma2,
      int horizon) {
    int p1 = seasonOffset();
    int d = p1 * m;
    double phiUsed = damped ? phi : 1.0;
    double[] w1 = p1 == 2 ? new double[] {1.0, phiUsed} : new double[] {1.0};
    double[][] f1 = new double[p1][p1];
    double[] g = p1 == 2 ? new double[] {alpha, beta} : new double[] {alpha};
    double[][] g1 = new double[p1][p1];
    f1[0][0] = 1.0;
    if (p1 == 2) {
      f1[0][1] = phiUsed;
      f1[1][1] = phiUsed;
    }
    for (int i = 0; i < p1; i++) {
      for (int j = 0; j < p1; j++) {
        g1[i][j] = g[i] * w1[j];
      }
    }
    double[][] f2 = new double[m][m];
    f2[0][m - 1] = 1.0;
    for (int i = 1; i < m; i++) {
      f2[i][i - 1] = 1.0;
    }
    double[][] g2 = new double[m][m];
    g2[0][m - 1] = gamma;
    double[][] f21 = kronecker(f2, f1);
    double[][] g21 = kronecker(g2, g1);
    double[][] k = add(kronecker(g2, f1), kronecker(f2, g1));
    double[][] mh = new double[p1][m];
    for (int i = 0; i < p1; i++) {
      for (int j = 0; j < m; j++) {
        mh[i][j] = state[i] * state[p1 + j];
      }
    }
    double[][] vh = new double[d][d];
    double[] mean = new double[horizon];
    double[] variance = new double[horizon];
    double[][] f2t = transpose(f2);
    double[][] g2t = transpose(g2);
    double[][] f21t = transpose(f21);
    double[][] g21t = transpose(g21);
    double[][] kt = transpose(k);
    for (int h = 0; h < horizon; h++) {
      double mu = 0.0;
      for (int i = 0; i < p1; i++) {
        mu += w1[i] * mh[i][m - 1];
      }
      // w21 = e_m (x) w1 picks the last column of M_h: the last p1 entries of vec(M_h).
      double quad = 0.0;
      for (int i = 0; i < p1; i++) {
        for (int j = 0; j < p1; j++) {
          quad += w1[i] * w1[j] * vh[d - p1 + i][d - p1 + j];
        }
      }
      mean[h] = mu;
      variance[h] = (1.0 + sigma2) * quad + sigma2 * mu * mu;
      double[] vec = new double[d];
      for (int j = 0; j < m; j++) {
        for (int i = 0; i < p1; i++) {
          vec[j * p1 + i] = mh[i][j];
        }
      }
      double[][] outer = new double[d][d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          outer[i][j] = vec[i] * vec[j];
        }
      }
      double[][] next = multiply(multiply(f21, vh), f21t);
      double[][] cross =
          add(multiply(multiply(f21, vh), g21t), multiply(multiply(g21, vh), f21t));
      double[][] kTerm = multiply(multiply(k, add(vh, outer)), kt);
      double[][] gTerm = multiply(multiply(g21, add(scale(vh, 3.0), scale(outer, 2.0))), g21t);
      vh = add(next, scale(add(add(cross, kTerm), scale(gTerm, sigma2)), sigma2));
      mh = add(multiply(multiply(f1, mh), f2t), scale(multiply(multiply(g1, mh), g2t), sigma2));
    }
    return new double[][] {mean, variance};
  }

  /**
   * Variance over simulated sample paths (R's {@code simulate.ets}: Gaussian errors with variance
   * {@code sigma2}, truncated at -1 for multiplicative errors); paths that become non-finite are
   * left out.
   */
  private double[] simulatedVariance(
      double[] state,
      double alpha,
      double beta,
      double gamma,
      double phi,
      double sigma2,
      int horizon) {
    Random random = new Random(SIMULATION_SEED);
    double sd = Math.sqrt(sigma2);
    double[] sum = new double[horizon];
    double[] sumSquares = new double[horizon];
    int[] count = new int[horizon];
    double[] path = new double[horizon];
    double[] x = new double[stateLength()];
    double[] ring = new double[m];
    double[] one = new double[1];
    for (int k = 0; k < SIMULATION_PATHS; k++) {
      System.arraycopy(state, 0, x, 0, x.length);
      for (int h = 0; h < horizon; h++) {
        double yhat = pointForecast(x, phi, 1)[0];
        double e = sd * random.nextGaussian();
        if (error == MULTIPLICATIVE) {
          e = Math.max(-1.0, e);
        }
        path[h] = error == ADDITIVE ? yhat + e : yhat * (1.0 + e);
        one[0] = path[h];
        if (!Double.isFinite(path[h])
            || Double.isNaN(run(one, alpha, beta, gamma, phi, x, ring, null, null, x))) {
          java.util.Arrays.fill(path, h, horizon, Double.NaN);
          break;
        }
      }
      for (int h = 0; h < horizon; h++) {
        if (Double.isFinite(path[h])) {
          sum[h] += path[h];
          sumSquares[h] += path[h] * path[h];
          count[h]++;
        }
      }
    }
    double[] variance = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      if (count[h] < 2) {
        variance[h] = Double.NaN;
      } else {
        double mean = sum[h] / count[h];
        variance[h] = Math.max(0.0, (sumSquares[h] - count[h] * mean * mean) / (count[h] - 1));
      }
    }
    return variance;
  }

  private static double[][] kronecker(double[][] a, double[][] b) {
    int ar = a.length;
    int ac = a[0].length;
    int br = b.length;
    int bc = b[0].length;
    double[][] out = new double[ar * br][ac * bc];
    for (int i = 0; i < ar; i++) {
      for (int j = 0; j < ac; j++) {
        if (a[i][j] == 0.0) {
          continue;
        }
        for (int k = 0; k < br; k++) {
          for (int l = 0; l < bc; l++) {
            out[i * br + k][j * bc + l] = a[i][j] * b[k][l];
          }
        }
      }
    }
    return out;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int rows = a.length;
    int inner = b.length;
    int cols = b[0].length;
    double[][] out = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      double[] outRow = out[i];
      for (int k = 0; k < inner; k++) {
        double aik = a[i][k];
        if (aik == 0.0) {
          continue;
        }
        double[] bRow = b[k];
        for (int j = 0; j < cols; j++) {
          outRow[j] += aik * bRow[j];
        }
      }
    }
    return out;
  }

  private static double[][] add(double[][] a, double[][] b) {
    double[][] out = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        out[i][j] = a[i][j] + b[i][j];
      }
    }
    return out;
  }

  private static double[][] scale(double[][] a, double factor) {
    double[][] out = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        out[i][j] = a[i][j] * factor;
      }
    }
    return out;
  }

  private static double[][] transpose(double[][] a) {
    double[][] out = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        out[j][i] = a[i][j];
      }
    }
    return out;
  }
}
