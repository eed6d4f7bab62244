package io.demandcast.pipelines.model;

import io.demandcast.pipelines.coders.Encoding;
import io.demandcast.pipelines.coders.FieldCoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Temperature readings outside the storage range at one location, counted per day.
 *
 * @param location the location
 * @param outsideByDay day to number of readings outside the range that day (days without any are
 *     absent)
 */
@DefaultCoder(ExcursionLog.Coder.class)
public record ExcursionLog(String location, TreeMap<LocalDate, Integer> outsideByDay) {

  /** Readings outside the range from {@code from} to {@code to}, both days included. */
  public int outsideBetween(LocalDate from, LocalDate to) {
    int total = 0;
    for (Map.Entry<LocalDate, Integer> e : outsideByDay.subMap(from, true, to, true).entrySet()) {
      total += e.getValue();
    }
    return total;
  }

  /**
   * Writes the location and the days in order, each as epoch day and count; deterministic (the map
   * is sorted).
   */
  public static final class Coder extends FieldCoder<ExcursionLog> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(ExcursionLog.class), INSTANCE);
    }

    @Override
    public void write(DataOutputStream out, ExcursionLog value) throws IOException {
      Encoding.writeString(out, value.location);
      Encoding.writeCount(out, value.outsideByDay.size());
      for (Map.Entry<LocalDate, Integer> e : value.outsideByDay.entrySet()) {
        VarInt.encode(e.getKey().toEpochDay(), out);
        VarInt.encode(e.getValue(), out);
      }
    }

    @Override
    public ExcursionLog read(DataInputStream in) throws IOException {
      String location = Encoding.readString(in);
      TreeMap<LocalDate, Integer> byDay = new TreeMap<>();
      for (int n = Encoding.readCount(in); n > 0; n--) {
        byDay.put(LocalDate.ofEpochDay(VarInt.decodeLong(in)), VarInt.decodeInt(in));
      }
      return new ExcursionLog(location, byDay);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
