package io.demandcast.pipelines.model;

import io.demandcast.pipelines.coders.Encoding;
import io.demandcast.pipelines.coders.FieldCoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The demand history of one SKU at one location, one value per period, oldest first.
 *
 * @param sku stock keeping unit
 * @param location location
 * @param firstPeriod start of the period of {@code history[0]}
 * @param history units per period; a period without sales is 0, a period whose quantity was not
 *     recorded is NaN
 */
@DefaultCoder(DemandSeries.Coder.class)
public record DemandSeries(String sku, String location, LocalDate firstPeriod, double[] history) {

  public DemandSeries {
    history = history.clone();
  }

  /** A copy of the history. */
  @Override
  public double[] history() {
    return history.clone();
  }

  /** Number of periods whose demand is NaN (not recorded). */
  public int missingPeriods() {
    int missing = 0;
    for (double v : history) {
      if (Double.isNaN(v)) {
        missing++;
      }
    }
    return missing;
  }

  // equality by content: Beam compares decoded elements with equals() to detect mutations
  @Override
  public boolean equals(Object o) {
    return o instanceof DemandSeries s
        && sku.equals(s.sku)
        && location.equals(s.location)
        && firstPeriod.equals(s.firstPeriod)
        && java.util.Arrays.equals(history, s.history);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(sku, location, firstPeriod, java.util.Arrays.hashCode(history));
  }

  @Override
  public String toString() {
    return "DemandSeries[sku=" + sku + ", location=" + location + ", firstPeriod=" + firstPeriod
        + ", history=" + java.util.Arrays.toString(history) + "]";
  }

  /** Writes SKU, location, first period and the history (NaN kept); deterministic. */
  public static final class Coder extends FieldCoder<DemandSeries> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(DemandSeries.class), INSTANCE);
    }

    @Override
    public void write(DataOutputStream out, DemandSeries value) throws IOException {
      Encoding.writeString(out, value.sku);
      Encoding.writeString(out, value.location);
      Encoding.writeDate(out, value.firstPeriod);
      Encoding.writeDoubles(out, value.history); // the field: no copy
    }

    @Override
    public DemandSeries read(DataInputStream in) throws IOException {
      return new DemandSeries(
          Encoding.readString(in), Encoding.readString(in), Encoding.readDate(in),
          Encoding.readDoubles(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
