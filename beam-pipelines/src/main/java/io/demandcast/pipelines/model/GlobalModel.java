package io.demandcast.pipelines.model;

import io.demandcast.forecasting.global.GlobalRegression;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The global (pooled, cross-learning) regression model a run adds to every series' candidates, one
 * model trained per segment (item category x location); see {@code GlobalSegments} in the
 * transforms package and {@link GlobalRegression}.
 */
public enum GlobalModel {
  /** No global model: only the per-series candidates compete (the default). */
  NONE(null),
  /** Gradient-boosted histogram trees ({@link GlobalRegression.Kind#GRADIENT_TREE_BOOST}). */
  GBT(GlobalRegression.Kind.GRADIENT_TREE_BOOST),
  /** Random forest of histogram trees ({@link GlobalRegression.Kind#RANDOM_FOREST}). */
  RF(GlobalRegression.Kind.RANDOM_FOREST),
  /** LASSO regression ({@link GlobalRegression.Kind#LASSO}). */
  LASSO(GlobalRegression.Kind.LASSO);

  private final GlobalRegression.Kind kind;

  GlobalModel(GlobalRegression.Kind kind) {
    this.kind = kind;
  }

  /** The regression kind, or null for {@link #NONE}. */
  public GlobalRegression.Kind kind() {
    return kind;
  }

  /** The option value: {@code none}, {@code gbt}, {@code rf} or {@code lasso}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every option value, in declaration order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(GlobalModel::id).toList();
  }

  /**
   * Parses an option value, ignoring case and surrounding blanks.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static GlobalModel parse(String text) {
    String id = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (GlobalModel model : values()) {
      if (model.id().equals(id)) {
        return model;
      }
    }
    throw new IllegalArgumentException(
        "unknown global model '" + text + "': use one of " + String.join(", ", ids()));
  }
}
