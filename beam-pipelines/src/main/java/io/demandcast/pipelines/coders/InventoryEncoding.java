package io.demandcast.pipelines.coders;

import io.demandcast.inventory.ItemEconomics;
import io.demandcast.inventory.LeadTime;
import io.demandcast.inventory.OrderExplanation;
import io.demandcast.inventory.PolicyParameters;
import io.demandcast.inventory.PolicyType;
import io.demandcast.inventory.Recommendation;
import io.demandcast.inventory.ServiceTarget;
import io.demandcast.inventory.StockPosition;
import io.demandcast.inventory.classification.AbcClass;
import io.demandcast.inventory.classification.AbcThresholds;
import io.demandcast.inventory.classification.ItemClass;
import io.demandcast.inventory.classification.XyzClass;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * {@link Encoding}s of the inventory optimizer's value types that the job's elements and side
 * inputs hold (that module does not depend on Beam, so its types carry no coder of their own).
 * Each writes every component; none takes null unless it says so.
 */
public final class InventoryEncoding {
  private static final AbcClass[] ABC = AbcClass.values();
  private static final XyzClass[] XYZ = XyzClass.values();
  private static final PolicyType[] POLICIES = PolicyType.values();
  private static final ServiceTarget.Measure[] MEASURES = ServiceTarget.Measure.values();

  private InventoryEncoding() {}

  /** An ABC/XYZ class. */
  public static void writeItemClass(DataOutputStream out, ItemClass value) throws IOException {
    Encoding.writeEnum(out, value.abc());
    Encoding.writeEnum(out, value.xyz());
  }

  /** An ABC/XYZ class written by {@link #writeItemClass}. */
  public static ItemClass readItemClass(DataInputStream in) throws IOException {
    return new ItemClass(Encoding.readEnum(in, ABC), Encoding.readEnum(in, XYZ));
  }

  /** A policy type. */
  public static void writePolicy(DataOutputStream out, PolicyType value) throws IOException {
    Encoding.writeEnum(out, value);
  }

  /** A policy type written by {@link #writePolicy}. */
  public static PolicyType readPolicy(DataInputStream in) throws IOException {
    return Encoding.readEnum(in, POLICIES);
  }

  /** A service target. */
  public static void writeTarget(DataOutputStream out, ServiceTarget value) throws IOException {
    Encoding.writeEnum(out, value.measure());
    out.writeDouble(value.level());
  }

  /** A service target written by {@link #writeTarget}. */
  public static ServiceTarget readTarget(DataInputStream in) throws IOException {
    return new ServiceTarget(Encoding.readEnum(in, MEASURES), in.readDouble());
  }

  /** A lead time. */
  public static void writeLeadTime(DataOutputStream out, LeadTime value) throws IOException {
    out.writeDouble(value.meanDays());
    out.writeDouble(value.sdDays());
    Encoding.writeString(out, value.basis());
  }

  /** A lead time written by {@link #writeLeadTime}. */
  public static LeadTime readLeadTime(DataInputStream in) throws IOException {
    return new LeadTime(in.readDouble(), in.readDouble(), Encoding.readString(in));
  }

  /** An item's economics (a null shelf life included). */
  public static void writeEconomics(DataOutputStream out, ItemEconomics value) throws IOException {
    out.writeDouble(value.unitCost());
    out.writeDouble(value.holdingCostRate());
    out.writeDouble(value.orderCost());
    out.writeInt(value.casePack());
    out.writeDouble(value.moq());
    Encoding.writeInteger(out, value.shelfLifeDays());
  }

  /** An item's economics written by {@link #writeEconomics}. */
  public static ItemEconomics readEconomics(DataInputStream in) throws IOException {
    return new ItemEconomics(
        in.readDouble(), in.readDouble(), in.readDouble(), in.readInt(), in.readDouble(),
        Encoding.readInteger(in));
  }

  /**
   * A recommendation, its policy parameters, target and explanation included (a null days of cover
   * too).
   */
  public static void writeRecommendation(DataOutputStream out, Recommendation value)
      throws IOException {
    PolicyParameters p = value.parameters();
    writePolicy(out, p.type());
    out.writeDouble(p.reorderPoint());
    out.writeDouble(p.orderQuantity());
    out.writeDouble(p.orderUpTo());
    out.writeDouble(p.reviewPeriodDays());
    out.writeInt(p.casePack());
    out.writeDouble(p.moq());
    out.writeDouble(p.maxOrder());
    writeTarget(out, value.target());
    Encoding.writeString(out, value.distribution());
    out.writeDouble(value.inventoryPosition());
    out.writeDouble(value.leadTimeDemandMean());
    out.writeDouble(value.leadTimeDemandSd());
    out.writeDouble(value.safetyStock());
    out.writeDouble(value.eoq());
    out.writeDouble(value.recommendedOrderQty());
    out.writeDouble(value.expectedFillRate());
    out.writeDouble(value.expectedCycleService());
    out.writeDouble(value.expectedHoldingCost());
    Encoding.writeDouble(out, value.daysOfCover());
    Encoding.writeString(out, value.reason());
    writeExplanation(out, value.explanation());
  }

  /** An order's explanation, its stock position included. */
  public static void writeExplanation(DataOutputStream out, OrderExplanation value)
      throws IOException {
    StockPosition stock = value.stock();
    out.writeDouble(stock.onHand());
    out.writeDouble(stock.quarantined());
    out.writeDouble(stock.onOrder());
    out.writeDouble(stock.backorders());
    out.writeDouble(value.protectionDays());
    out.writeDouble(value.demandPerDay());
    out.writeDouble(value.policyOrder());
    out.writeDouble(value.afterMoq());
    out.writeDouble(value.afterCasePack());
    out.writeDouble(value.afterShelfLife());
  }

  /** An order's explanation written by {@link #writeExplanation}. */
  public static OrderExplanation readExplanation(DataInputStream in) throws IOException {
    return new OrderExplanation(
        new StockPosition(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()),
        in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
        in.readDouble());
  }

  /** A recommendation written by {@link #writeRecommendation}. */
  public static Recommendation readRecommendation(DataInputStream in) throws IOException {
    PolicyParameters parameters =
        new PolicyParameters(
            readPolicy(in),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readInt(),
            in.readDouble(),
            in.readDouble());
    return new Recommendation(
        parameters,
        readTarget(in),
        Encoding.readString(in),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        Encoding.readDouble(in),
        Encoding.readString(in),
        readExplanation(in));
  }

  /**
   * The coder of the run's ABC thresholds (a singleton side input): the eight numbers, infinities
   * included; deterministic.
   */
  public static final class AbcThresholdsCoder extends FieldCoder<AbcThresholds> {
    private static final long serialVersionUID = 1L;
    private static final AbcThresholdsCoder INSTANCE = new AbcThresholdsCoder();

    public static AbcThresholdsCoder of() {
      return INSTANCE;
    }

    @Override
    public void write(DataOutputStream out, AbcThresholds value) throws IOException {
      out.writeDouble(value.aCut());
      out.writeDouble(value.bCut());
      out.writeDouble(value.aBinUpper());
      out.writeDouble(value.bBinUpper());
      out.writeDouble(value.aValueShare());
      out.writeDouble(value.abValueShare());
      out.writeDouble(value.aBinShare());
      out.writeDouble(value.bBinShare());
    }

    @Override
    public AbcThresholds read(DataInputStream in) throws IOException {
      return new AbcThresholds(
          in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
          in.readDouble(), in.readDouble(), in.readDouble());
    }

    @Override
    public void verifyDeterministic() {}
  }
}
