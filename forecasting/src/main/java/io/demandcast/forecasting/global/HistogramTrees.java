package io.demandcast.forecasting.global;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Histogram-based regression trees, boosted or bagged, for the tree models of {@link
 * GlobalRegression}.
 *
 * <p>Each feature is cut into at most {@value #MAX_BINS} bins at the quantiles of its training
 * values (every distinct value its own bin when there are few), and a node's best split is found
 * from the per-bin sums and counts of the targets of its rows, maximising the decrease of the sum
 * of squared errors {@code S_L^2/N_L + S_R^2/N_R - S^2/N}. Trees grow best-first (the leaf with
 * the largest decrease is split next) up to a number of leaves and a depth, with a minimum number
 * of rows per leaf; a leaf predicts the mean target of its rows. A split on bin {@code b} of
 * feature {@code f} sends a row left when its value is at most the upper edge of bin {@code b},
 * so trained trees predict from raw feature values.
 *
 * <p>Boosting (least squares): start from the mean target, then each tree is fitted to the current
 * residuals of a subsample of the rows drawn without replacement, and its prediction, times the
 * shrinkage, is added to every row's fit. Bagging (random forest): each tree is fitted to the
 * targets of its own subsample of the rows, considering a random subset of the features at every
 * node; the forest averages the trees. Trees of a forest are grown in parallel, each with its own
 * generator, so the result does not depend on the thread schedule.
 *
 * <p>Why not Smile 3.1.1's {@code GradientTreeBoost} and {@code RandomForest}: they visit every row
 * of a node through a sorted index, one random memory access per row and feature, where binned
 * codes are read sequentially per row and boosting gets the sibling histogram by subtraction. The
 * measured difference on M4 Weekly is in docs/benchmarks.md.
 *
 * <p>Sources: J. H. Friedman, "Greedy function approximation: a gradient boosting machine", Annals
 * of Statistics 29(5), 1189-1232, 2001, and "Stochastic gradient boosting", Computational
 * Statistics and Data Analysis 38(4), 367-378, 2002; L. Breiman, "Random forests", Machine
 * Learning 45(1), 5-32, 2001; G. Ke et al., "LightGBM: a highly efficient gradient boosting
 * decision tree", NeurIPS 2017 (histogram split finding, best-first growth).
 */
final class HistogramTrees {

  /** Largest number of bins per feature; codes are stored as unsigned bytes. */
  static final int MAX_BINS = 255;

  private HistogramTrees() {}

  /** Row-major bin codes of a feature matrix with the upper edges of the bins. */
  static final class Binned {
    final int rows;
    final int cols;

    /** {@code codes[r * cols + c]} is the bin of row r, feature c, as an unsigned byte. */
    final byte[] codes;

    /** {@code edges[c][b]} is the upper edge of bin b of feature c, for b below the last bin. */
    final double[][] edges;

    private Binned(int rows, int cols, byte[] codes, double[][] edges) {
      this.rows = rows;
      this.cols = cols;
      this.codes = codes;
      this.edges = edges;
    }

    int bins(int feature) {
      return edges[feature].length + 1;
    }
  }

  /**
   * Bins column-major features.
   *
   * @param columns {@code columns[c][r]}, all of the same length, finite
   * @return the codes and edges
   */
  static Binned bin(double[][] columns) {
    int cols = columns.length;
    int rows = columns[0].length;
    byte[] codes = new byte[rows * cols];
    double[][] edges = new double[cols][];
    IntStream.range(0, cols)
        .parallel()
        .forEach(
            c -> {
              double[] column = columns[c];
              double[] e = edges(column);
              edges[c] = e;
              for (int r = 0; r < rows; r++) {
                codes[r * cols + c] = (byte) code(e, column[r]);
              }
            });
    return new Binned(rows, cols, codes, edges);
  }

  /** Upper edges of the bins of one column: midpoints between distinct values or quantiles. */
  private static double[] edges(double[] column) {
    double[] sorted = column.clone();
    Arrays.sort(sorted);
    int distinct = 1;
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] != sorted[i - 1]) {
        distinct++;
      }
    }
    if (distinct <= MAX_BINS) {
      double[] e = new double[distinct - 1];
      int k = 0;
      for (int i = 1; i < sorted.length; i++) {
        if (sorted[i] != sorted[i - 1]) {
          e[k++] = sorted[i - 1] + (sorted[i] - sorted[i - 1]) / 2;
        }
      }
      return e;
    }
    double[] e = new double[MAX_BINS - 1];
    int k = 0;
    for (int b = 1; b < MAX_BINS; b++) {
      double edge = sorted[(int) ((long) b * sorted.length / MAX_BINS)];
      if (k == 0 || edge > e[k - 1]) {
        e[k++] = edge;
      }
    }
    // The largest value must fall in the last bin, above every edge.
    while (k > 0 && e[k - 1] >= sorted[sorted.length - 1]) {
      k--;
    }
    return Arrays.copyOf(e, k);
  }

  /** The smallest bin whose upper edge is at least the value; the last bin above all edges. */
  private static int code(double[] edges, double value) {
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (value <= edges[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** A fitted regression tree in flat arrays; node 0 is the root. */
  static final class Tree implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Split feature, or -1 for a leaf. */
    private final int[] feature;

    /** Split bin: left when the code is at most this bin. */
    private final int[] bin;

    /** Split value: left when the raw value is at most this upper bin edge. */
    private final double[] threshold;

    private final int[] left;
    private final int[] right;

    /** Leaf output (mean target of its rows). */
    private final double[] value;

    /** Training rows of the tree that reached the node (its "cover"), at least 1. */
    private final int[] cover;

    /** Splits on the longest path from the root to a leaf. */
    private final int depth;

    private Tree(
        int[] feature,
        int[] bin,
        double[] threshold,
        int[] left,
        int[] right,
        double[] value,
        int[] cover) {
      this.feature = feature;
      this.bin = bin;
      this.threshold = threshold;
      this.left = left;
      this.right = right;
      this.value = value;
      this.cover = cover;
      this.depth = depth(0);
    }

    /**
     * The tree's expected output over its training rows: the leaves' outputs weighted by their
     * cover, the base value of its SHAP values.
     */
    double expectedValue() {
      double sum = 0.0;
      for (int node = 0; node < feature.length; node++) {
        if (feature[node] < 0) {
          sum += value[node] * cover[node];
        }
      }
      return sum / cover[0];
    }

    /**
     * Adds {@code weight} times the exact SHAP value of each feature for {@code row} to {@code
     * phi}: the Shapley values of the game whose value of a feature set S is the tree's expected
     * output given the features of S, the other features' splits followed in proportion to the
     * training rows (the cover) of each side. Computed in polynomial time by TreeSHAP, Algorithm 2
     * of S. M. Lundberg, G. G. Erion and S.-I. Lee, "Consistent individualized feature
     * attribution for tree ensembles", arXiv:1802.03888, 2018, as published in S. M. Lundberg et
     * al., "From local explanations to global understanding with explainable AI for trees",
     * Nature Machine Intelligence 2(1), 56-67, 2020 (the path-dependent algorithm of the {@code
     * shap} package's {@code tree_shap_recursive}). {@link #expectedValue()} plus the SHAP
     * values is {@link #predict(double[])}.
     *
     * @param row raw feature values
     * @param phi one accumulator per feature, added to
     * @param weight multiplies every value added
     */
    void shap(double[] row, double[] phi, double weight) {
      int capacity = depth + 2;
      Path path = new Path(capacity * (capacity + 1) / 2);
      shap(0, row, phi, weight, path, 0, 0, 1.0, 1.0, -1);
    }

    /**
     * The value function of {@link #shap}: the tree's expected output when only the features
     * marked known are given, a split on another feature going both ways in proportion to the
     * cover of each side (Algorithm 1, EXPVALUE, of Lundberg, Erion and Lee 2018). Exponential to
     * enumerate over feature sets; the reference of the tests.
     */
    double conditionalExpectation(double[] row, boolean[] known) {
      return conditionalExpectation(0, row, known);
    }

    private double conditionalExpectation(int node, double[] row, boolean[] known) {
      int split = feature[node];
      if (split < 0) {
        return value[node];
      }
      if (known[split]) {
        return conditionalExpectation(
            row[split] <= threshold[node] ? left[node] : right[node], row, known);
      }
      return (cover[left[node]] * conditionalExpectation(left[node], row, known)
              + cover[right[node]] * conditionalExpectation(right[node], row, known))
          / cover[node];
    }

    private int depth(int node) {
      return feature[node] < 0 ? 0 : 1 + Math.max(depth(left[node]), depth(right[node]));
    }

    /**
     * One node of TreeSHAP's recursion. The unique paths of the recursion share one buffer: the
     * node's path, {@code depth + 1} elements, starts at {@code parentStart + depth + 1}, after
     * its parent's, which it copies first (the layout of the {@code shap} package's code).
     */
    private void shap(
        int node,
        double[] x,
        double[] phi,
        double weight,
        Path path,
        int parentStart,
        int depth,
        double parentZero,
        double parentOne,
        int parentFeature) {
      int start = parentStart + depth + 1;
      path.copy(parentStart, start, depth);
      path.extend(start, depth, parentZero, parentOne, parentFeature);
      int split = feature[node];
      if (split < 0) {
        for (int i = 1; i <= depth; i++) {
          double w = path.unwoundSum(start, depth, i);
          int e = start + i;
          phi[path.feature[e]] += weight * w * (path.one[e] - path.zero[e]) * value[node];
        }
        return;
      }
      int hot = x[split] <= threshold[node] ? left[node] : right[node];
      int cold = hot == left[node] ? right[node] : left[node];
      double incomingZero = 1.0;
      double incomingOne = 1.0;
      int k = 0;
      while (k <= depth && path.feature[start + k] != split) {
        k++;
      }
      if (k <= depth) {
        // the feature was split on higher up the path: undo that split, keep its fractions
        incomingZero = path.zero[start + k];
        incomingOne = path.one[start + k];
        path.unwind(start, depth, k);
        depth--;
      }
      double hotZero = (double) cover[hot] / cover[node];
      double coldZero = (double) cover[cold] / cover[node];
      shap(hot, x, phi, weight, path, start, depth + 1, hotZero * incomingZero, incomingOne,
          split);
      shap(cold, x, phi, weight, path, start, depth + 1, coldZero * incomingZero, 0.0, split);
    }

    /** Predicts from raw feature values. */
    double predict(double[] row) {
      int node = 0;
      while (feature[node] >= 0) {
        node = row[feature[node]] <= threshold[node] ? left[node] : right[node];
      }
      return value[node];
    }

    /** Predicts a training row from its codes starting at {@code base}. */
    double predict(byte[] codes, int base) {
      int node = 0;
      while (feature[node] >= 0) {
        node = (codes[base + feature[node]] & 0xFF) <= bin[node] ? left[node] : right[node];
      }
      return value[node];
    }

    int leaves() {
      int count = 0;
      for (int f : feature) {
        if (f < 0) {
          count++;
        }
      }
      return count;
    }
  }

  /** Growth limits of one tree. */
  record Shape(int maxLeaves, int maxDepth, int minLeaf, int mtry) {}

  /**
   * Least-squares gradient boosting.
   *
   * @param data binned features
   * @param target one target per row of {@code data}; only the eligible rows are read
   * @param eligible the rows to learn from, distinct
   * @param trees number of trees
   * @param shrinkage learning rate in (0, 1]
   * @param subsample fraction of the eligible rows per tree, drawn without replacement
   * @param shape tree limits; {@code mtry} should be the number of features
   * @param seed generator seed
   * @return the mean target plus the shrunken trees
   */
  static Ensemble boost(
      Binned data,
      double[] target,
      int[] eligible,
      int trees,
      double shrinkage,
      double subsample,
      Shape shape,
      long seed) {
    int n = eligible.length;
    double intercept = 0.0;
    for (int row : eligible) {
      intercept += target[row];
    }
    intercept /= n;
    double[] fit = new double[data.rows];
    Arrays.fill(fit, intercept);
    double[] residual = new double[data.rows];
    int[] permutation = eligible.clone();
    int sampled = Math.max(1, (int) Math.round(n * subsample));
    SplittableRandom random = new SplittableRandom(seed);
    Workspace workspace = new Workspace(data);
    Tree[] ensemble = new Tree[trees];
    for (int k = 0; k < trees; k++) {
      for (int row : eligible) {
        residual[row] = target[row] - fit[row];
      }
      sample(permutation, sampled, random);
      int[] rows = Arrays.copyOf(permutation, sampled);
      Tree tree = grow(data, residual, rows, shape, random, workspace);
      ensemble[k] = tree;
      for (int row : eligible) {
        fit[row] += shrinkage * tree.predict(data.codes, row * data.cols);
      }
    }
    return new Ensemble(intercept, shrinkage, ensemble);
  }

  /**
   * A random forest of trees grown in parallel.
   *
   * @param data binned features
   * @param target one target per row of {@code data}; only the eligible rows are read
   * @param eligible the rows to learn from, distinct
   * @param trees number of trees
   * @param subsample fraction of the eligible rows per tree without replacement; 1 means a
   *     bootstrap sample
   * @param shape tree limits with the number of features tried per node
   * @param seed generator seed; tree k uses its own generator derived from it
   * @return the forest, averaging its trees
   */
  static Ensemble forest(
      Binned data,
      double[] target,
      int[] eligible,
      int trees,
      double subsample,
      Shape shape,
      long seed) {
    int n = eligible.length;
    long[] seeds = new SplittableRandom(seed).longs(trees).toArray();
    Tree[] forest =
        IntStream.range(0, trees)
            .parallel()
            .mapToObj(
                k -> {
                  SplittableRandom random = new SplittableRandom(seeds[k]);
                  int[] rows;
                  if (subsample >= 1.0) {
                    rows = new int[n];
                    for (int i = 0; i < n; i++) {
                      rows[i] = eligible[random.nextInt(n)];
                    }
                  } else {
                    int sampled = Math.max(1, (int) Math.round(n * subsample));
                    int[] permutation = eligible.clone();
                    sample(permutation, sampled, random);
                    rows = Arrays.copyOf(permutation, sampled);
                  }
                  return grow(data, target, rows, shape, random, new Workspace(data));
                })
            .toArray(Tree[]::new);
    return new Ensemble(0.0, 1.0 / trees, forest);
  }

  /** Partial Fisher-Yates: afterwards the first {@code count} entries are a uniform sample. */
  private static void sample(int[] values, int count, SplittableRandom random) {
    int n = values.length;
    for (int i = 0; i < count && i < n - 1; i++) {
      int j = i + random.nextInt(n - i);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }

  /** {@code intercept + weight * sum of tree outputs}. */
  record Ensemble(double intercept, double weight, Tree[] trees) implements Serializable {
    double predict(double[] row) {
      double sum = 0.0;
      for (Tree tree : trees) {
        sum += tree.predict(row);
      }
      return intercept + weight * sum;
    }

    /**
     * The exact TreeSHAP split of {@link #predict}: {@code [base, SHAP value of feature 0, ...]},
     * the base being {@code intercept + weight * sum of the trees' expected values}; the SHAP
     * values of an ensemble are the weighted sums of its trees' (Lundberg et al. 2020).
     *
     * @return an array of {@code row.length + 1} values summing to {@link #predict} to rounding
     */
    double[] contributions(double[] row) {
      double[] parts = new double[row.length + 1];
      double[] phi = new double[row.length];
      double base = 0.0;
      for (Tree tree : trees) {
        base += tree.expectedValue();
        tree.shap(row, phi, weight);
      }
      parts[0] = intercept + weight * base;
      System.arraycopy(phi, 0, parts, 1, row.length);
      return parts;
    }
  }

  /** Per-bin sums and counts of the targets of one node, {@code (feature << 8) | bin}. */
  private static final class Histogram {
    final double[] sums;
    final int[] counts;

    Histogram(int cols) {
      sums = new double[cols << 8];
      counts = new int[cols << 8];
    }
  }

  /** Per-tree scratch: a histogram pool and the feature order of the forest's draws. */
  private static final class Workspace {
    final int cols;
    final int[] features;
    private final ArrayDeque<Histogram> free = new ArrayDeque<>();

    Workspace(Binned data) {
      cols = data.cols;
      features = IntStream.range(0, data.cols).toArray();
    }

    Histogram acquire() {
      Histogram h = free.poll();
      return h != null ? h : new Histogram(cols);
    }

    /** Clears a histogram and returns it to the pool. */
    void release(Histogram h) {
      Arrays.fill(h.sums, 0.0);
      Arrays.fill(h.counts, 0);
      free.push(h);
    }

    /** Returns an already cleared histogram to the pool. */
    void pool(Histogram h) {
      free.push(h);
    }
  }

  /** A node waiting to be split, with its best split. */
  private static final class Candidate {
    final int node;
    final int lo;
    final int hi;
    final int depth;
    int feature = -1;
    int bin;
    double gain;

    /** The node's histogram over all features, kept for its children (boosting only). */
    Histogram histogram;

    Candidate(int node, int lo, int hi, int depth) {
      this.node = node;
      this.lo = lo;
      this.hi = hi;
      this.depth = depth;
    }

    boolean splittable(Shape shape) {
      return depth < shape.maxDepth() && hi - lo >= 2 * shape.minLeaf();
    }
  }

  /** Grows one tree on {@code rows} (reordered in place). */
  private static Tree grow(
      Binned data, double[] target, int[] rows, Shape shape, SplittableRandom random,
      Workspace workspace) {
    int capacity = 2 * shape.maxLeaves() - 1;
    int[] feature = new int[capacity];
    int[] bin = new int[capacity];
    double[] threshold = new double[capacity];
    int[] left = new int[capacity];
    int[] right = new int[capacity];
    double[] value = new double[capacity];
    int[] cover = new int[capacity];
    Arrays.fill(feature, -1);
    // With every feature tried at every node (boosting), a node's histogram minus its smaller
    // child's is its larger child's: only the smaller child is counted (LightGBM's subtraction).
    boolean subtract = shape.mtry() >= data.cols;

    PriorityQueue<Candidate> queue =
        new PriorityQueue<>(
            (a, b) ->
                a.gain != b.gain ? Double.compare(b.gain, a.gain) : Integer.compare(a.node, b.node));
    int nodes = 1;
    int leaves = 1;
    Candidate root = new Candidate(0, 0, rows.length, 0);
    value[0] = mean(target, rows, 0, rows.length);
    cover[0] = rows.length;
    if (root.splittable(shape)) {
      if (subtract) {
        root.histogram = workspace.acquire();
        count(data, target, rows, root.lo, root.hi, workspace.features, data.cols, root.histogram);
        best(data, root, root.histogram, workspace.features, data.cols, shape);
      } else {
        evaluate(data, target, rows, root, shape, random, workspace);
      }
    }
    offer(queue, root, workspace);
    while (!queue.isEmpty() && leaves < shape.maxLeaves()) {
      Candidate c = queue.poll();
      int mid = partition(data, rows, c.lo, c.hi, c.feature, c.bin);
      int l = nodes++;
      int r = nodes++;
      leaves++;
      feature[c.node] = c.feature;
      bin[c.node] = c.bin;
      threshold[c.node] = data.edges[c.feature][c.bin];
      left[c.node] = l;
      right[c.node] = r;
      value[l] = mean(target, rows, c.lo, mid);
      value[r] = mean(target, rows, mid, c.hi);
      cover[l] = mid - c.lo;
      cover[r] = c.hi - mid;
      Candidate lc = new Candidate(l, c.lo, mid, c.depth + 1);
      Candidate rc = new Candidate(r, mid, c.hi, c.depth + 1);
      if (subtract) {
        Candidate small = mid - c.lo <= c.hi - mid ? lc : rc;
        Candidate large = small == lc ? rc : lc;
        small.histogram = workspace.acquire();
        count(data, target, rows, small.lo, small.hi, workspace.features, data.cols,
            small.histogram);
        Histogram parent = c.histogram;
        c.histogram = null;
        double[] ps = parent.sums;
        int[] pc = parent.counts;
        double[] ss = small.histogram.sums;
        int[] sc = small.histogram.counts;
        for (int i = 0; i < ps.length; i++) {
          ps[i] -= ss[i];
          pc[i] -= sc[i];
        }
        large.histogram = parent;
        for (Candidate child : new Candidate[] {lc, rc}) {
          if (child.splittable(shape)) {
            best(data, child, child.histogram, workspace.features, data.cols, shape);
          }
        }
      } else {
        if (lc.splittable(shape)) {
          evaluate(data, target, rows, lc, shape, random, workspace);
        }
        if (rc.splittable(shape)) {
          evaluate(data, target, rows, rc, shape, random, workspace);
        }
      }
      offer(queue, lc, workspace);
      offer(queue, rc, workspace);
    }
    for (Candidate c : queue) {
      if (c.histogram != null) {
        workspace.release(c.histogram);
      }
    }
    return new Tree(
        Arrays.copyOf(feature, nodes),
        Arrays.copyOf(bin, nodes),
        Arrays.copyOf(threshold, nodes),
        Arrays.copyOf(left, nodes),
        Arrays.copyOf(right, nodes),
        Arrays.copyOf(value, nodes),
        Arrays.copyOf(cover, nodes));
  }

  /**
   * The unique paths of TreeSHAP (Lundberg, Erion and Lee 2018, Algorithm 2) in one buffer: per
   * element the feature split on, the fraction of the paths where it is absent that go this way
   * ({@code zero}), whether the row goes this way ({@code one}) and the weight of the subsets of
   * each size ({@code weight}). A path of d + 1 elements starts at {@code start}.
   */
  private static final class Path {
    final int[] feature;
    final double[] zero;
    final double[] one;
    final double[] weight;

    Path(int capacity) {
      feature = new int[capacity];
      zero = new double[capacity];
      one = new double[capacity];
      weight = new double[capacity];
    }

    /** Copies {@code length} elements from {@code from} to {@code to}. */
    void copy(int from, int to, int length) {
      System.arraycopy(feature, from, feature, to, length);
      System.arraycopy(zero, from, zero, to, length);
      System.arraycopy(one, from, one, to, length);
      System.arraycopy(weight, from, weight, to, length);
    }

    /** EXTEND: appends element d and updates the weights of the subset sizes. */
    void extend(int start, int d, double zeroFraction, double oneFraction, int splitFeature) {
      feature[start + d] = splitFeature;
      zero[start + d] = zeroFraction;
      one[start + d] = oneFraction;
      weight[start + d] = d == 0 ? 1.0 : 0.0;
      for (int i = d - 1; i >= 0; i--) {
        weight[start + i + 1] += oneFraction * weight[start + i] * (i + 1) / (d + 1);
        weight[start + i] = zeroFraction * weight[start + i] * (d - i) / (d + 1);
      }
    }

    /** UNWIND: removes element k of a path of d + 1 elements, undoing its EXTEND. */
    void unwind(int start, int d, int k) {
      double oneFraction = one[start + k];
      double zeroFraction = zero[start + k];
      double next = weight[start + d];
      for (int i = d - 1; i >= 0; i--) {
        if (oneFraction != 0.0) {
          double previous = weight[start + i];
          weight[start + i] = next * (d + 1) / ((i + 1) * oneFraction);
          next = previous - weight[start + i] * zeroFraction * (d - i) / (d + 1);
        } else {
          weight[start + i] = weight[start + i] * (d + 1) / (zeroFraction * (d - i));
        }
      }
      for (int i = start + k; i < start + d; i++) {
        feature[i] = feature[i + 1];
        zero[i] = zero[i + 1];
        one[i] = one[i + 1];
      }
    }

    /** The total weight of the path with element k unwound, without changing the path. */
    double unwoundSum(int start, int d, int k) {
      double oneFraction = one[start + k];
      double zeroFraction = zero[start + k];
      double next = weight[start + d];
      double total = 0.0;
      for (int i = d - 1; i >= 0; i--) {
        if (oneFraction != 0.0) {
          double w = next * (d + 1) / ((i + 1) * oneFraction);
          total += w;
          next = weight[start + i] - w * zeroFraction * ((double) (d - i) / (d + 1));
        } else if (zeroFraction != 0.0) {
          total += weight[start + i] / zeroFraction / ((double) (d - i) / (d + 1));
        }
      }
      return total;
    }
  }

  /** Queues a node with a useful split; otherwise returns its histogram to the pool. */
  private static void offer(PriorityQueue<Candidate> queue, Candidate c, Workspace workspace) {
    if (c.feature >= 0) {
      queue.add(c);
    } else if (c.histogram != null) {
      workspace.release(c.histogram);
      c.histogram = null;
    }
  }

  /** Adds the targets of rows[lo..hi) to the histogram of the first {@code tried} features. */
  private static void count(
      Binned data, double[] target, int[] rows, int lo, int hi, int[] features, int tried,
      Histogram histogram) {
    byte[] codes = data.codes;
    int cols = data.cols;
    double[] sums = histogram.sums;
    int[] counts = histogram.counts;
    if (tried == cols) {
      for (int i = lo; i < hi; i++) {
        int row = rows[i];
        double y = target[row];
        int base = row * cols;
        for (int f = 0; f < cols; f++) {
          int h = (f << 8) | (codes[base + f] & 0xFF);
          sums[h] += y;
          counts[h]++;
        }
      }
      return;
    }
    for (int i = lo; i < hi; i++) {
      int row = rows[i];
      double y = target[row];
      int base = row * cols;
      for (int k = 0; k < tried; k++) {
        int f = features[k];
        int h = (f << 8) | (codes[base + f] & 0xFF);
        sums[h] += y;
        counts[h]++;
      }
    }
  }

  /** Finds the best split of a node from its histogram; feature stays -1 when none helps. */
  private static void best(
      Binned data, Candidate c, Histogram histogram, int[] features, int tried, Shape shape) {
    double[] sums = histogram.sums;
    int[] counts = histogram.counts;
    int count = c.hi - c.lo;
    int f0 = features[0];
    double total = 0.0;
    for (int b = 0, bins = data.bins(f0); b < bins; b++) {
      total += sums[(f0 << 8) | b];
    }
    double parent = total * total / count;
    double tolerance = 1e-12 * Math.max(1.0, Math.abs(parent));
    int minLeaf = shape.minLeaf();
    for (int k = 0; k < tried; k++) {
      int f = features[k];
      int bins = data.bins(f);
      double leftSum = 0.0;
      int leftCount = 0;
      for (int b = 0; b < bins - 1; b++) {
        int h = (f << 8) | b;
        leftSum += sums[h];
        leftCount += counts[h];
        if (leftCount < minLeaf) {
          continue;
        }
        int rightCount = count - leftCount;
        if (rightCount < minLeaf) {
          break;
        }
        double rightSum = total - leftSum;
        double gain = leftSum * leftSum / leftCount + rightSum * rightSum / rightCount - parent;
        if (gain > c.gain + tolerance) {
          c.gain = gain;
          c.feature = f;
          c.bin = b;
        }
      }
    }
  }

  /**
   * Finds the best split of a node over a random subset of {@code mtry} features (the forest),
   * counting into a pooled histogram that is cleared again afterwards.
   */
  private static void evaluate(
      Binned data, double[] target, int[] rows, Candidate c, Shape shape, SplittableRandom random,
      Workspace w) {
    int cols = data.cols;
    int[] features = w.features;
    int tried = Math.min(shape.mtry(), cols);
    for (int i = 0; i < tried && tried < cols; i++) {
      int j = i + random.nextInt(cols - i);
      int swap = features[i];
      features[i] = features[j];
      features[j] = swap;
    }
    Histogram histogram = w.acquire();
    count(data, target, rows, c.lo, c.hi, features, tried, histogram);
    best(data, c, histogram, features, tried, shape);
    // Only the tried features were counted: clear just those before pooling the histogram.
    for (int k = 0; k < tried; k++) {
      int from = features[k] << 8;
      Arrays.fill(histogram.sums, from, from + 256, 0.0);
      Arrays.fill(histogram.counts, from, from + 256, 0);
    }
    w.pool(histogram);
  }

  /** Moves the rows going left to the front of [lo, hi); returns the first right position. */
  private static int partition(Binned data, int[] rows, int lo, int hi, int feature, int bin) {
    byte[] codes = data.codes;
    int cols = data.cols;
    int i = lo;
    int j = hi - 1;
    while (i <= j) {
      if ((codes[rows[i] * cols + feature] & 0xFF) <= bin) {
        i++;
      } else {
        int swap = rows[i];
        rows[i] = rows[j];
        rows[j] = swap;
        j--;
      }
    }
    return i;
  }

  private static double mean(double[] target, int[] rows, int lo, int hi) {
    double sum = 0.0;
    for (int i = lo; i < hi; i++) {
      sum += target[rows[i]];
    }
    return sum / (hi - lo);
  }
}
