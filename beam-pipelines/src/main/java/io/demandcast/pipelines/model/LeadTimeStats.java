package io.demandcast.pipelines.model;

import io.demandcast.pipelines.coders.FieldCoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Lead-time statistics of one lane, from shipments' PO-sent and delivered dates.
 *
 * @param shipments number of lead times observed
 * @param meanDays mean lead time, days
 * @param sdDays sample standard deviation of the lead time, days (0 with one shipment)
 */
@DefaultCoder(LeadTimeStats.Coder.class)
public record LeadTimeStats(long shipments, double meanDays, double sdDays) {

  /** Writes the three fields; deterministic. */
  public static final class Coder extends FieldCoder<LeadTimeStats> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(LeadTimeStats.class), INSTANCE);
    }

    @Override
    public void write(DataOutputStream out, LeadTimeStats value) throws IOException {
      VarInt.encode(value.shipments, out);
      out.writeDouble(value.meanDays);
      out.writeDouble(value.sdDays);
    }

    @Override
    public LeadTimeStats read(DataInputStream in) throws IOException {
      return new LeadTimeStats(VarInt.decodeLong(in), in.readDouble(), in.readDouble());
    }

    @Override
    public void verifyDeterministic() {}
  }
}
