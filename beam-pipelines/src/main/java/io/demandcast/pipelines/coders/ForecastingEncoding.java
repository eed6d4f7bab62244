package io.demandcast.pipelines.coders;

import io.demandcast.forecasting.ForecastComponents;
import io.demandcast.forecasting.ModelAccuracy;
import io.demandcast.forecasting.SeriesForecast;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Encoding}s of the forecasting module's value types that the job's elements hold (that
 * module does not depend on Beam, so its types carry no coder of their own).
 */
public final class ForecastingEncoding {
  private ForecastingEncoding() {}

  /**
   * A forecast, or null: every component, the parameters (and the forecast's components) in their
   * insertion order (so equal forecasts whose parameters were put in another order encode
   * differently).
   */
  public static void writeForecast(DataOutputStream out, SeriesForecast value) throws IOException {
    out.writeBoolean(value != null);
    if (value == null) {
      return;
    }
    Encoding.writeString(out, value.model());
    Encoding.writeDoubles(out, value.mean());
    Encoding.writeDoubles(out, value.p10());
    Encoding.writeDoubles(out, value.p50());
    Encoding.writeDoubles(out, value.p90());
    Encoding.writeDoubles(out, value.sd());
    Map<String, Double> parameters = value.parameters();
    Encoding.writeCount(out, parameters.size());
    for (Map.Entry<String, Double> e : parameters.entrySet()) {
      Encoding.writeString(out, e.getKey());
      Encoding.writeDouble(out, e.getValue());
    }
    List<ModelAccuracy> accuracy = value.accuracy();
    Encoding.writeCount(out, accuracy.size());
    for (ModelAccuracy a : accuracy) {
      writeAccuracy(out, a);
    }
    SeriesForecast.Provenance p = value.provenance();
    Encoding.writeString(out, p.spec());
    out.writeInt(p.trainingLength());
    Encoding.writeString(out, p.intervals());
    out.writeInt(p.backtestWindows());
    double[][] errors = value.backtestErrors();
    Encoding.writeCount(out, errors.length);
    for (double[] window : errors) {
      Encoding.writeDoubles(out, window);
    }
    writeComponents(out, value.components());
  }

  /**
   * Forecast components: the horizon, then each component (name, values) and each member's
   * weights (name, weights per step), in their insertion order.
   */
  public static void writeComponents(DataOutputStream out, ForecastComponents value)
      throws IOException {
    out.writeInt(value.horizon());
    Map<String, double[]> values = value.values();
    Encoding.writeCount(out, values.size());
    for (Map.Entry<String, double[]> e : values.entrySet()) {
      Encoding.writeString(out, e.getKey());
      Encoding.writeDoubles(out, e.getValue());
    }
    Map<String, double[]> weights = value.weights();
    Encoding.writeCount(out, weights.size());
    for (Map.Entry<String, double[]> e : weights.entrySet()) {
      Encoding.writeString(out, e.getKey());
      Encoding.writeDoubles(out, e.getValue());
    }
  }

  /** Forecast components written by {@link #writeComponents}. */
  public static ForecastComponents readComponents(DataInputStream in) throws IOException {
    int horizon = in.readInt();
    int n = Encoding.readCount(in);
    if (horizon == 0) {
      if (n != 0) {
        throw new IOException("forecast components of horizon 0 with " + n + " components");
      }
      Encoding.readCount(in);
      return ForecastComponents.none();
    }
    ForecastComponents.Builder b = ForecastComponents.builder(horizon);
    for (int i = 0; i < n; i++) {
      b.add(Encoding.readString(in), Encoding.readDoubles(in));
    }
    n = Encoding.readCount(in);
    for (int i = 0; i < n; i++) {
      b.weight(Encoding.readString(in), Encoding.readDoubles(in));
    }
    return b.build();
  }

  /** A forecast written by {@link #writeForecast}, or null. */
  public static SeriesForecast readForecast(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    String model = Encoding.readString(in);
    double[] mean = Encoding.readDoubles(in);
    double[] p10 = Encoding.readDoubles(in);
    double[] p50 = Encoding.readDoubles(in);
    double[] p90 = Encoding.readDoubles(in);
    double[] sd = Encoding.readDoubles(in);
    int n = Encoding.readCount(in);
    Map<String, Double> parameters = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      parameters.put(Encoding.readString(in), Encoding.readDouble(in));
    }
    n = Encoding.readCount(in);
    List<ModelAccuracy> accuracy = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      accuracy.add(readAccuracy(in));
    }
    SeriesForecast.Provenance provenance =
        new SeriesForecast.Provenance(
            Encoding.readString(in), in.readInt(), Encoding.readString(in), in.readInt());
    double[][] errors = new double[Encoding.readCount(in)][];
    for (int i = 0; i < errors.length; i++) {
      errors[i] = Encoding.readDoubles(in);
    }
    return new SeriesForecast(
        model, mean, p10, p50, p90, sd, parameters, accuracy, provenance, errors,
        readComponents(in));
  }

  private static void writeAccuracy(DataOutputStream out, ModelAccuracy a) throws IOException {
    Encoding.writeString(out, a.model());
    out.writeDouble(a.mase());
    out.writeDouble(a.rmsse());
    out.writeDouble(a.smape());
    out.writeDouble(a.bias());
    out.writeDouble(a.coverage());
    out.writeInt(a.windows());
    out.writeBoolean(a.selected());
    Encoding.writeString(out, a.failure());
  }

  private static ModelAccuracy readAccuracy(DataInputStream in) throws IOException {
    return new ModelAccuracy(
        Encoding.readString(in),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readInt(),
        in.readBoolean(),
        Encoding.readString(in));
  }
}
