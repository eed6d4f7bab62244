package io.demandcast.pipelines.transforms;

import io.demandcast.forecasting.FittedForecaster;
import io.demandcast.forecasting.Forecaster;
import io.demandcast.forecasting.global.GlobalRegression;
import io.demandcast.pipelines.coders.Encoding;
import io.demandcast.pipelines.coders.FieldCoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The two global models of one segment and how a series of the segment uses them as a candidate of
 * its model selection.
 *
 * <p>{@link #full()} is trained on every value of the segment's series and makes the forecast.
 * {@link #backtest()} is trained with the last {@link #holdOut()} periods of every series left out,
 * {@code holdOut} being the run's backtest span ({@code horizon + (windows - 1) * step}), and is the
 * model the rolling-origin backtest evaluates: the backtest's first origin is {@code holdOut}
 * periods before the end, so no value it is scored on, of this series or of any other series of
 * the segment (all series end in the same period), is in that model's training rows. The backtest
 * candidate checks this and refuses an earlier origin.
 *
 * <p>Histories are aligned on the season before training and forecasting: a series' first {@code
 * trim} values are dropped so that it starts at season position 0 (the season-position feature of
 * {@link io.demandcast.forecasting.global.FeatureSpec} counts from the first value of a history).
 *
 * <p>Immutable; a side-input value, coded by {@link Coder}.
 *
 * @param segment the segment key, see {@link GlobalSegments#segmentKey}
 * @param full the model trained on whole histories (hold-out 0)
 * @param backtest the model trained without the last {@code holdOut} periods of each history
 * @param holdOut periods left out of {@code backtest}'s training, the run's backtest span
 * @param trainingSeries series of the segment in {@code full}'s training
 * @param backtestSeries series of the segment in {@code backtest}'s training
 */
@DefaultCoder(SegmentModels.Coder.class)
public record SegmentModels(
    String segment,
    GlobalRegression.Trained full,
    GlobalRegression.Trained backtest,
    int holdOut,
    int trainingSeries,
    int backtestSeries) {

  public SegmentModels {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(full, "full");
    Objects.requireNonNull(backtest, "backtest");
    if (holdOut < 1) {
      throw new IllegalArgumentException("holdOut must be >= 1 period, was " + holdOut);
    }
  }

  /**
   * Equal when the segment, sizes and both models' descriptions (settings, training size and a
   * fingerprint of the training values) are: Beam compares decoded side-input elements with
   * equals() to detect mutations, and the trained models have no value equality of their own.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof SegmentModels m
        && segment.equals(m.segment)
        && holdOut == m.holdOut
        && trainingSeries == m.trainingSeries
        && backtestSeries == m.backtestSeries
        && full.description().equals(m.full.description())
        && backtest.description().equals(m.backtest.description());
  }

  @Override
  public int hashCode() {
    return Objects.hash(segment, holdOut, full.description(), backtest.description());
  }

  /**
   * Writes the segment and the counts field by field and the two trained models by Java
   * serialization, in one length-prefixed block (one stream, so the classes they share are
   * described once). Why not field by field: a trained model is a tree of the forecasting module's
   * private types (feature spec, per-step predictors: histogram-tree ensembles or lasso
   * coefficients), which that module, free of Beam, keeps to itself; spelling them out here would
   * expose and duplicate all of it, for an element that crosses one stage once per segment (into
   * a side input), not once per series. Not deterministic (Java serialization); the models are
   * never keys.
   */
  public static final class Coder extends FieldCoder<SegmentModels> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(SegmentModels.class), INSTANCE);
    }

    @Override
    public void write(DataOutputStream out, SegmentModels value) throws IOException {
      Encoding.writeString(out, value.segment);
      out.writeInt(value.holdOut);
      out.writeInt(value.trainingSeries);
      out.writeInt(value.backtestSeries);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream models = new ObjectOutputStream(bytes)) {
        models.writeObject(value.full);
        models.writeObject(value.backtest);
      }
      Encoding.writeCount(out, bytes.size());
      bytes.writeTo(out);
    }

    @Override
    public SegmentModels read(DataInputStream in) throws IOException {
      String segment = Encoding.readString(in);
      int holdOut = in.readInt();
      int trainingSeries = in.readInt();
      int backtestSeries = in.readInt();
      byte[] bytes = new byte[Encoding.readCount(in)];
      in.readFully(bytes);
      try (ObjectInputStream models = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
        return new SegmentModels(
            segment,
            (GlobalRegression.Trained) models.readObject(),
            (GlobalRegression.Trained) models.readObject(),
            holdOut,
            trainingSeries,
            backtestSeries);
      } catch (ClassNotFoundException | ClassCastException e) {
        throw new CoderException("cannot read the trained models of segment " + segment, e);
      }
    }
  }

  /** Periods of (aligned) history the models read before an origin. */
  public int lookback() {
    return full.features().lookback();
  }

  /**
   * Whether a series can have this segment's candidate: its aligned history is long enough for
   * the first backtest origin, {@code length - trim >= lookback + holdOut}, so that adding the
   * candidate does not shorten the backtest of the other candidates.
   *
   * @param length periods of the series' history
   * @param trim leading periods dropped to align the season
   */
  public boolean fits(int length, int trim) {
    return length - trim >= lookback() + holdOut;
  }

  /**
   * The candidate of one series of the segment: named like the model ({@code global_gbt}, {@code
   * global_rf}, {@code global_lasso}); {@code fit} forecasts with {@link #full()}, the backtest
   * ({@link Forecaster#forBacktest}) with {@link #backtest()}.
   *
   * @param length periods of the series' whole history
   * @param trim leading periods dropped to align the season, in [0, m)
   * @return the candidate, {@link Serializable}
   * @throws IllegalArgumentException if the series does not {@link #fits}
   */
  public Forecaster candidate(int length, int trim) {
    if (!fits(length, trim)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "segment %s: a series of %d periods (%d trimmed) is shorter than look-back %d +"
                  + " backtest span %d",
              segment, length, trim, lookback(), holdOut));
    }
    return new Candidate(full.asForecaster(), backtest.asForecaster(), trim, length, holdOut);
  }

  /** The forecasting candidate: the full model on the aligned history. */
  private record Candidate(
      Forecaster full, Forecaster backtest, int trim, int length, int holdOut)
      implements Forecaster {
    @Override
    public String name() {
      return full.name();
    }

    @Override
    public int minHistory() {
      return trim + full.minHistory();
    }

    @Override
    public String spec() {
      return full.spec();
    }

    @Override
    public FittedForecaster fit(double[] history) {
      return full.fit(aligned(history, trim));
    }

    @Override
    public Forecaster forBacktest(FittedForecaster fitted) {
      return new BacktestCandidate(backtest, trim, length, holdOut);
    }
  }

  /**
   * The backtest candidate: the model trained without the last {@code holdOut} periods, which
   * refuses a training prefix that ends before them (its targets would be training values).
   */
  private record BacktestCandidate(Forecaster model, int trim, int length, int holdOut)
      implements Forecaster {
    @Override
    public String name() {
      return model.name();
    }

    @Override
    public int minHistory() {
      return trim + model.minHistory();
    }

    @Override
    public String spec() {
      return model.spec();
    }

    @Override
    public FittedForecaster fit(double[] history) {
      if (history.length < length - holdOut) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "%s: a backtest origin after %d of %d periods is inside the global model's"
                    + " training data (it left out only the last %d)",
                model.name(), history.length, length, holdOut));
      }
      return model.fit(aligned(history, trim));
    }
  }

  private static double[] aligned(double[] history, int trim) {
    return trim == 0 ? history : Arrays.copyOfRange(history, trim, history.length);
  }
}
