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
 * The latest validated {@code erp_inventory} row of one SKU at one location.
 *
 * @param snapshotDate day counted
 * @param onHand units, &gt;= 0
 * @param quarantined units held back by the ERP, 0 &lt;= quarantined &lt;= onHand
 */
@DefaultCoder(StockSnapshot.Coder.class)
public record StockSnapshot(LocalDate snapshotDate, double onHand, double quarantined) {

  /** Writes the three fields; deterministic. */
  public static final class Coder extends FieldCoder<StockSnapshot> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(StockSnapshot.class), INSTANCE);
    }

    @Override
    public void write(DataOutputStream out, StockSnapshot value) throws IOException {
      Encoding.writeDate(out, value.snapshotDate);
      out.writeDouble(value.onHand);
      out.writeDouble(value.quarantined);
    }

    @Override
    public StockSnapshot read(DataInputStream in) throws IOException {
      return new StockSnapshot(Encoding.readDate(in), in.readDouble(), in.readDouble());
    }

    @Override
    public void verifyDeterministic() {}
  }
}
