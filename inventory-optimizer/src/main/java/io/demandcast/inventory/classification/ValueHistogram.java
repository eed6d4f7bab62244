package io.demandcast.inventory.classification;

import io.demandcast.inventory.Checks;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Objects;

/**
 * A mergeable, fixed-size accumulator of annual values from which ABC cut-offs are derived without
 * collecting the items ({@link #thresholds}); meant as the accumulator of a distributed global
 * combine (add per element, merge per bundle, thresholds once).
 *
 * <p>Layout: {@code binsPerDecade} log-spaced bins per decade from 10<sup>minExponent</sup> to
 * 10<sup>maxExponent</sup> (default 64 bins per decade from 10<sup>−6</sup> to 10<sup>12</sup>,
 * 1152 bins, each 3.7% wide), plus one bin for values in (0, 10<sup>minExponent</sup>), one for
 * values {@code >= 10^maxExponent} and an exact count of zeros. Each bin keeps the number of values
 * and their sum. Bin edges are computed with {@link StrictMath}, and a value's bin is the one whose
 * edges enclose it in double comparison ({@code lower <= value < upper}), so the histogram and the
 * {@link AbcThresholds} comparisons agree exactly.
 *
 * <p>Memory: two arrays of 1154 elements (18 KB) for the default layout; serialized form lists only
 * non-empty bins (20 bytes each), a few KB for a population spanning a few decades.
 *
 * <p>Not thread-safe: one instance per worker, combined with {@link #merge}.
 */
public final class ValueHistogram implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Default bins per decade. */
  public static final int DEFAULT_BINS_PER_DECADE = 64;

  /** Default lowest decade exponent: the first bin starts at 10⁻⁶. */
  public static final int DEFAULT_MIN_EXPONENT = -6;

  /** Default highest decade exponent: the overflow bin starts at 10¹². */
  public static final int DEFAULT_MAX_EXPONENT = 12;

  private static final int MAX_BINS = 100_000;

  private final int binsPerDecade;
  private final int minExponent;
  private final int maxExponent;
  // counts[0]: (0, edge 0); counts[k], k in 1..n: [edge k-1, edge k); counts[n + 1]: [edge n, inf).
  private transient long[] counts;
  private transient double[] sums;
  private transient double[] edges;
  private long zeroCount;

  /** An empty histogram with the default layout (64 bins per decade, 10⁻⁶ to 10¹²). */
  public ValueHistogram() {
    this(DEFAULT_BINS_PER_DECADE, DEFAULT_MIN_EXPONENT, DEFAULT_MAX_EXPONENT);
  }

  /**
   * An empty histogram with a given layout. Only histograms of the same layout can be merged.
   *
   * @param binsPerDecade bins per factor of 10, {@code >= 1}; the relative bin width is
   *     10<sup>1/binsPerDecade</sup> − 1
   * @param minExponent lower end of the binned range is 10<sup>minExponent</sup>, {@code >= -300}
   * @param maxExponent upper end is 10<sup>maxExponent</sup>, {@code > minExponent} and {@code <=
   *     300}
   * @throws IllegalArgumentException naming the value when one is out of range, or when the layout
   *     has more than 100 000 bins
   */
  public ValueHistogram(int binsPerDecade, int minExponent, int maxExponent) {
    if (binsPerDecade < 1) {
      throw new IllegalArgumentException("binsPerDecade must be >= 1, was " + binsPerDecade);
    }
    if (minExponent < -300) {
      throw new IllegalArgumentException("minExponent must be >= -300, was " + minExponent);
    }
    if (maxExponent <= minExponent || maxExponent > 300) {
      throw new IllegalArgumentException(
          "maxExponent must be > minExponent (" + minExponent + ") and <= 300, was " + maxExponent);
    }
    long bins = (long) binsPerDecade * (maxExponent - minExponent);
    if (bins > MAX_BINS) {
      throw new IllegalArgumentException(
          "binsPerDecade × decades must be <= " + MAX_BINS + ", was " + bins);
    }
    this.binsPerDecade = binsPerDecade;
    this.minExponent = minExponent;
    this.maxExponent = maxExponent;
    allocate();
  }

  private void allocate() {
    int n = binCount();
    counts = new long[n + 2];
    sums = new double[n + 2];
    edges = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      edges[i] = StrictMath.pow(10, minExponent + (double) i / binsPerDecade);
    }
  }

  private int binCount() {
    return binsPerDecade * (maxExponent - minExponent);
  }

  /**
   * Adds one item's annual value.
   *
   * @param value annual value in currency per year; finite and {@code >= 0}
   * @return this histogram
   * @throws IllegalArgumentException naming the value when it is negative, NaN or infinite
   */
  public ValueHistogram add(double value) {
    Checks.nonNegative("value", value);
    if (value == 0) {
      zeroCount++;
      return this;
    }
    int k = bin(value);
    counts[k]++;
    sums[k] += value;
    return this;
  }

  /** The slot of a positive finite value: 0 underflow, 1..n log bins, n + 1 overflow. */
  private int bin(double value) {
    int n = binCount();
    double pos = (StrictMath.log10(value) - minExponent) * binsPerDecade;
    int i;
    if (!(pos >= 0)) {
      i = -1;
    } else if (pos >= n) {
      i = n;
    } else {
      i = (int) pos;
    }
    // Correct the rounding of log10 so that edges[i] <= value < edges[i + 1] holds exactly.
    while (i >= 0 && value < edges[i]) {
      i--;
    }
    while (i < n && value >= edges[i + 1]) {
      i++;
    }
    return i + 1;
  }

  /** The inclusive lower edge of a slot. */
  private double lower(int k) {
    return k == 0 ? Double.MIN_VALUE : edges[k - 1];
  }

  /** The exclusive upper edge of a slot. */
  private double upper(int k) {
    return k == binCount() + 1 ? Double.POSITIVE_INFINITY : edges[k];
  }

  /**
   * Adds another histogram's counts and sums to this one (the other is unchanged).
   *
   * @param other a histogram of the same layout
   * @return this histogram
   * @throws IllegalArgumentException naming both layouts when they differ
   * @throws NullPointerException when other is null
   */
  public ValueHistogram merge(ValueHistogram other) {
    Objects.requireNonNull(other, "other");
    if (other.binsPerDecade != binsPerDecade
        || other.minExponent != minExponent
        || other.maxExponent != maxExponent) {
      throw new IllegalArgumentException(
          "cannot merge histograms of different layouts: " + layout() + " and " + other.layout());
    }
    for (int k = 0; k < counts.length; k++) {
      counts[k] += other.counts[k];
      sums[k] += other.sums[k];
    }
    zeroCount += other.zeroCount;
    return this;
  }

  private String layout() {
    return binsPerDecade + " bins per decade from 1e" + minExponent + " to 1e" + maxExponent;
  }

  /**
   * The number of values added (including zeros).
   *
   * @return the count, {@code >= 0}
   */
  public long count() {
    long c = zeroCount;
    for (long k : counts) {
      c += k;
    }
    return c;
  }

  /**
   * The number of zero values added.
   *
   * @return the count, {@code >= 0}
   */
  public long zeroCount() {
    return zeroCount;
  }

  /**
   * The sum of the values added.
   *
   * @return currency per year, {@code >= 0}
   */
  public double totalValue() {
    double total = 0;
    for (int k = sums.length - 1; k >= 0; k--) {
      total += sums[k];
    }
    return total;
  }

  /**
   * ABC cut-offs for the values added, mirroring the exact rule of {@link AbcAnalysis} at bin
   * resolution: walking the bins from the highest value down, the A boundary bin is the first whose
   * cumulative value share reaches aShare (it holds the item that carries the share across aShare,
   * which the exact rule keeps in A); aCut is its lower edge. Likewise for B with bShare. See
   * {@link AbcThresholds} for the guarantees.
   *
   * @param rules the class boundaries (only aShare and bShare are used)
   * @return the cut-offs; every value C ({@link Double#POSITIVE_INFINITY} cuts) when the total
   *     value is 0
   * @throws NullPointerException when rules is null
   */
  public AbcThresholds thresholds(AbcXyzRules rules) {
    Objects.requireNonNull(rules, "rules");
    double total = totalValue();
    if (!(total > 0)) {
      return AbcThresholds.allC();
    }
    int aBin = -1;
    double aAfter = 0;
    double cumulative = 0;
    for (int k = sums.length - 1; k >= 0; k--) {
      if (counts[k] == 0) {
        continue;
      }
      double after = cumulative + sums[k];
      // The last non-empty slot ends with after == total (same summation order as totalValue()).
      boolean last = after >= total;
      if (aBin < 0 && (after / total >= rules.aShare() || last)) {
        aBin = k;
        aAfter = after;
      }
      if (after / total >= rules.bShare() || last) {
        return new AbcThresholds(
            lower(aBin),
            lower(k),
            upper(aBin),
            upper(k),
            Math.min(1.0, aAfter / total),
            Math.min(1.0, after / total),
            sums[aBin] / total,
            sums[k] / total);
      }
      cumulative = after;
    }
    throw new IllegalStateException("total value " + total + " not reached by the bins");
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    int nonEmpty = 0;
    for (long c : counts) {
      if (c != 0) {
        nonEmpty++;
      }
    }
    out.writeInt(nonEmpty);
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] != 0) {
        out.writeInt(k);
        out.writeLong(counts[k]);
        out.writeDouble(sums[k]);
      }
    }
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (binsPerDecade < 1
        || minExponent < -300
        || maxExponent <= minExponent
        || maxExponent > 300
        || (long) binsPerDecade * (maxExponent - minExponent) > MAX_BINS) {
      throw new java.io.InvalidObjectException("bad histogram layout: " + layout());
    }
    allocate();
    int nonEmpty = in.readInt();
    for (int j = 0; j < nonEmpty; j++) {
      int k = in.readInt();
      if (k < 0 || k >= counts.length) {
        throw new java.io.InvalidObjectException("bin index out of range: " + k);
      }
      counts[k] = in.readLong();
      sums[k] = in.readDouble();
    }
  }

  /** E.g. {@code "ValueHistogram[64 bins per decade from 1e-6 to 1e12, 1000 values]"}. */
  /**
   * Equal when the layout, the zero count and every bin's count and value sum are equal (Beam
   * compares accumulators this way to detect mutation).
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof ValueHistogram that
        && binsPerDecade == that.binsPerDecade
        && minExponent == that.minExponent
        && maxExponent == that.maxExponent
        && zeroCount == that.zeroCount
        && java.util.Arrays.equals(counts, that.counts)
        && java.util.Arrays.equals(sums, that.sums);
  }

  /** Hash of the layout and the bin counts. */
  @Override
  public int hashCode() {
    return java.util.Objects.hash(binsPerDecade, minExponent, maxExponent, zeroCount)
        + 31 * java.util.Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "ValueHistogram[" + layout() + ", " + count() + " values]";
  }
}
