package io.demandcast.pipelines.model;

import io.demandcast.pipelines.coders.Encoding;
import io.demandcast.pipelines.coders.FieldCoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The fields of one validated {@code erp_items} row the job uses.
 *
 * @param sku stock keeping unit
 * @param unitCost currency per unit, &gt; 0
 * @param holdingCostRate per year, fraction of unit cost, &gt;= 0
 * @param orderCost currency per order, &gt;= 0
 * @param casePack units per case, &gt;= 1
 * @param moq minimum order quantity, units, &gt;= 0
 * @param supplier supplier, or null
 * @param shipMode usual shipment mode, or null
 * @param shelfLifeDays days, or null when not perishable
 * @param reviewPeriodDays days between periodic reviews (the item gets an (R, S) policy), or null
 *     for continuous review
 * @param serviceLevel the item's own service target in (0, 1), or null
 */
@DefaultCoder(ItemInfo.Coder.class)
public record ItemInfo(
    String sku,
    double unitCost,
    double holdingCostRate,
    double orderCost,
    int casePack,
    double moq,
    String supplier,
    String shipMode,
    Integer shelfLifeDays,
    Integer reviewPeriodDays,
    Double serviceLevel) {

  /** Writes every field, the nullable ones with a presence flag; deterministic. */
  public static final class Coder extends FieldCoder<ItemInfo> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(ItemInfo.class), INSTANCE);
    }

    @Override
    public void write(DataOutputStream out, ItemInfo value) throws IOException {
      Encoding.writeString(out, value.sku);
      out.writeDouble(value.unitCost);
      out.writeDouble(value.holdingCostRate);
      out.writeDouble(value.orderCost);
      out.writeInt(value.casePack);
      out.writeDouble(value.moq);
      Encoding.writeString(out, value.supplier);
      Encoding.writeString(out, value.shipMode);
      Encoding.writeInteger(out, value.shelfLifeDays);
      Encoding.writeInteger(out, value.reviewPeriodDays);
      Encoding.writeDouble(out, value.serviceLevel);
    }

    @Override
    public ItemInfo read(DataInputStream in) throws IOException {
      return new ItemInfo(
          Encoding.readString(in),
          in.readDouble(),
          in.readDouble(),
          in.readDouble(),
          in.readInt(),
          in.readDouble(),
          Encoding.readString(in),
          Encoding.readString(in),
          Encoding.readInteger(in),
          Encoding.readInteger(in),
          Encoding.readDouble(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
