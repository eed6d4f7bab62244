package io.demandcast.forecasting.models;

import io.demandcast.forecasting.Seasonality;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * MSTL: seasonal-trend decomposition with several seasonal periods, {@code y = trend + seasonal_1
 * + ... + seasonal_k + remainder}, as R's {@code forecast::mstl(x)} with its defaults ({@code
 * iterate = 2}, {@code s.window = 7 + 4 * seq(6)}, not robust) on an {@code msts} series.
 *
 * <p>The algorithm of K. Bandara, R. J. Hyndman and C. Bergmeir, "MSTL: a seasonal-trend
 * decomposition algorithm for time series with multiple seasonal patterns", International Journal
 * of Operational Research 45(1), 2022 (arXiv:2107.13462, 2021): the seasonal components are
 * estimated one period at a time, shortest first, each by {@link Stl} on the series with the other
 * components removed, and the sweep over the periods is repeated ({@code iterate} times) so that
 * each component is re-estimated once the others are known:
 *
 * <pre>
 *   deseasonalized = y; seasonal_i = 0 for every i
 *   repeat iterate times:
 *     for each period p_i, ascending:
 *       deseasonalized += seasonal_i
 *       seasonal_i = seasonal component of STL(deseasonalized, frequency p_i, s.window = 7 + 4 i)
 *       deseasonalized -= seasonal_i
 *   trend = trend component of the last STL; remainder = deseasonalized - trend
 * </pre>
 *
 * <p>The periods, as R's {@code msts} and {@code mstl} treat them:
 *
 * <ul>
 *   <li><b>Several periods</b> (an {@code msts} series): a period not below {@code n / 2} is
 *       dropped ({@link Seasonality#estimable}); the others keep their value, possibly fractional:
 *       STL's cycle-subseries use its whole part (365 for 365.25) and its trend and low-pass spans
 *       the value itself ({@link Stl#withFrequency}). The seasonal window of the i-th kept period
 *       is {@code 7 + 4 i} (11, 15, ...). The sweep runs twice even if only one period is kept (R
 *       keeps {@code iterate = 2}; the second sweep then repeats the first to rounding). A period
 *       below 2, which R's {@code stl} refuses, is dropped here; for a seventh period and beyond,
 *       which have no default window in R, {@code 7 + 4 i} continues.
 *   <li><b>One period</b> p: R's {@code msts(x, p)} is a plain {@code ts} of frequency {@code
 *       floor(p)} (52 for 52.18), decomposed once ({@code iterate = 1}) with {@code s.window = 11}:
 *       exactly {@link Stl#forStlf(int)} with {@code floor(p)}, so that {@link Mstlf} with one
 *       period forecasts as {@link Stlf}. It is dropped when {@code n <= 2 floor(p)} (R's {@code
 *       stl} stops there).
 *   <li><b>No period</b> (none given, or all dropped): the trend is Friedman's super smoother of
 *       the series ({@link SuperSmoother}, R's {@code supsmu}) and there is no seasonal component,
 *       as R's {@code mstl} does for a series of frequency 1 (for an {@code msts} series whose
 *       periods are all dropped R stops with an error instead).
 * </ul>
 *
 * <p>Checked against R (forecast 8.20, {@code MstlTest}, reference values in {@code mstl.csv}):
 * every component within 1e-6 of the series' largest absolute value, on two NN5 cash machines
 * with periods 7 and 365.25, a synthetic hourly series with periods 24 and 168, an NN5 history too
 * short for the yearly period, and two non-seasonal series.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Mstl implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** R's {@code iterate} default: sweeps over the periods for several periods. */
  public static final int ITERATIONS = 2;

  private final Seasonality seasonality;

  private Mstl(Seasonality seasonality) {
    this.seasonality = Objects.requireNonNull(seasonality, "seasonality");
  }

  /**
   * The decomposition with R's defaults for the given periods.
   *
   * @param seasonality the seasonal periods in periods of the series (7 and 365.25 for daily
   *     data); none for a trend-only decomposition
   * @return the decomposition method
   * @throws NullPointerException if {@code seasonality} is null
   */
  public static Mstl of(Seasonality seasonality) {
    return new Mstl(seasonality);
  }

  /**
   * Returns the periods given.
   *
   * @return the seasonality, before any period is dropped for a short series
   */
  public Seasonality seasonality() {
    return seasonality;
  }

  /**
   * Returns R's default seasonal window of the i-th seasonal component: {@code 7 + 4 i} cycles
   * (11, 15, 19, ...).
   *
   * @param i the component's position among the decomposed periods, from 1, ascending period
   * @return an odd number of cycles
   */
  public static int seasonalWindow(int i) {
    return 7 + 4 * i;
  }

  /**
   * Returns the periods a series of the given length is decomposed with, by the rules in the
   * class description.
   *
   * @param length the number of observations n
   * @return the STL frequencies, ascending: each kept period as given, or {@code floor(p)} for a
   *     single period p; empty when the decomposition is trend only
   */
  public List<Double> periodsFor(int length) {
    List<Double> periods = seasonality.periods();
    List<Double> kept = new ArrayList<>();
    if (periods.size() == 1) {
      double whole = Math.floor(periods.get(0));
      if (whole >= 2 && length > 2 * whole) {
        kept.add(whole);
      }
      return kept;
    }
    for (double p : seasonality.estimable(length)) {
      if (p >= 2) {
        kept.add(p);
      }
    }
    return kept;
  }

  /**
   * Decomposes a series.
   *
   * @param series one value per period (any units), oldest first, all finite, at least one value;
   *     not mutated
   * @return the trend, the seasonal components of {@link #periodsFor(int) periodsFor(n)} and the
   *     remainder, each of the series' length, in the series' units
   * @throws IllegalArgumentException if {@code series} is null, empty or contains a NaN or
   *     infinite value (the message names the index)
   */
  public Decomposition decompose(double[] series) {
    if (series == null || series.length == 0) {
      throw new IllegalArgumentException("MSTL: the series is null or empty");
    }
    int n = series.length;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(series[i])) {
        throw new IllegalArgumentException(
            String.format("MSTL: non-finite value %s at index %d (length %d)", series[i], i, n));
      }
    }
    List<Double> periods = periodsFor(n);
    double[] deseasonalized = series.clone();
    double[][] seasonal = new double[periods.size()][n];
    double[] trend;
    if (periods.isEmpty()) {
      trend = SuperSmoother.smooth(deseasonalized);
    } else {
      int iterations = seasonality.periods().size() > 1 ? ITERATIONS : 1;
      Stl[] stl = new Stl[periods.size()];
      for (int i = 0; i < stl.length; i++) {
        stl[i] = Stl.withFrequency(periods.get(i), seasonalWindow(i + 1), false);
      }
      Stl.Decomposition last = null;
      for (int iteration = 0; iteration < iterations; iteration++) {
        for (int i = 0; i < stl.length; i++) {
          for (int t = 0; t < n; t++) {
            deseasonalized[t] += seasonal[i][t];
          }
          last = stl[i].decompose(deseasonalized);
          seasonal[i] = last.seasonal();
          for (int t = 0; t < n; t++) {
            deseasonalized[t] -= seasonal[i][t];
          }
        }
      }
      trend = last.trend();
    }
    double[] remainder = new double[n];
    for (int t = 0; t < n; t++) {
      remainder[t] = deseasonalized[t] - trend[t];
    }
    return new Decomposition(List.copyOf(periods), seasonal, trend, remainder);
  }

  @Override
  public String toString() {
    return "mstl(periods=" + seasonality + ", iterate=" + ITERATIONS + ", s.window=7+4i)";
  }

  /** The components of one series, each of its length, in its units. */
  public static final class Decomposition {
    private final List<Double> periods;
    private final double[][] seasonal;
    private final double[] trend;
    private final double[] remainder;

    Decomposition(List<Double> periods, double[][] seasonal, double[] trend, double[] remainder) {
      this.periods = periods;
      this.seasonal = seasonal;
      this.trend = trend;
      this.remainder = remainder;
    }

    /**
     * Returns the periods of the seasonal components.
     *
     * @return the STL frequencies, ascending (R's column names {@code Seasonal7}, {@code
     *     Seasonal365.25}); empty for a trend-only decomposition
     */
    public List<Double> periods() {
      return periods;
    }

    /**
     * Returns one seasonal component.
     *
     * @param i the component, from 0, in the order of {@link #periods()}
     * @return a new array, one value per period of the series, oldest first
     * @throws IndexOutOfBoundsException if there is no such component
     */
    public double[] seasonal(int i) {
      return seasonal[i].clone();
    }

    /**
     * Returns the trend(-cycle) component.
     *
     * @return a new array, one value per period of the series, oldest first
     */
    public double[] trend() {
      return trend.clone();
    }

    /**
     * Returns the remainder {@code y - trend - seasonal_1 - ... - seasonal_k}.
     *
     * @return a new array, one value per period of the series, oldest first
     */
    public double[] remainder() {
      return remainder.clone();
    }

    /**
     * Returns the seasonally adjusted series {@code trend + remainder} (R's {@code seasadj}).
     *
     * @return a new array, one value per period of the series, oldest first
     */
    public double[] seasonallyAdjusted() {
      double[] out = new double[trend.length];
      for (int t = 0; t < out.length; t++) {
        out[t] = trend[t] + remainder[t];
      }
      return out;
    }

    /**
     * Returns the last cycle of one seasonal component, which a forecast repeats: its last {@code
     * floor(p)} values, p the period rounded to two decimals as in R's column name (365 values
     * for 365.25, as R's {@code forecast.stl} takes them).
     *
     * @param i the component, from 0, in the order of {@link #periods()}
     * @return a new array of {@code floor(p)} values, oldest first; element {@code h mod
     *     floor(p)} is the component's value h + 1 periods after the series' end
     * @throws IndexOutOfBoundsException if there is no such component
     */
    public double[] lastCycle(int i) {
      int length = cycleLength(periods.get(i));
      int n = trend.length;
      double[] cycle = new double[length];
      System.arraycopy(seasonal[i], n - length, cycle, 0, length);
      return cycle;
    }

    /** {@code floor(round(p, 2))}: R's {@code seq_len} of the period parsed from its column. */
    static int cycleLength(double period) {
      return (int) Math.floor(Math.rint(period * 100.0) / 100.0);
    }
  }
}
