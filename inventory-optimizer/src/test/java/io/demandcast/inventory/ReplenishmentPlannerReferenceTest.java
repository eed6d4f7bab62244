package io.demandcast.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.inventory.distribution.DemandDistributions;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins {@link ReplenishmentPlanner#plan} to policy levels computed independently in R by {@code
 * src/test/r/planner.R} (test resource {@code r/planner.csv}; the script's header says how they are
 * computed and how to regenerate them).
 *
 * <p>Each case gives the per-period demand and sd, the lead time and review period in whole
 * periods, the lot, the target and the policy. The request built here uses 1-day periods, a
 * one-period forecast (extended flat), a fixed lead time of {@code lead_periods} days and, for (R,
 * S), a review period of {@code review_periods} days, so that the protection-interval moments are
 * the R ones (to rounding: the planner sums the periods). For continuous review the lot Q is made
 * exact with a holding cost of 0 (EOQ = max(MOQ, case pack), see the planner's documentation): MOQ
 * = Q with a case pack of 1 for even-numbered cases, a case pack of Q and no MOQ for odd-numbered
 * ones. Normal cases become {@link DemandDistributions.Family#NORMAL}, Poisson and negative
 * binomial ones {@link DemandDistributions.Family#DISCRETE}, which must pick that distribution from
 * the moments.
 *
 * <p>Tolerances: discrete levels must match exactly, normal levels to 10⁻⁶ relative (at least 10⁻⁶
 * units; the planner bisects to 10⁻⁹ relative); the expected fill rate and cycle service to 10⁻⁹.
 * For a normal case the planner's service is compared with R's value moved to the planner's level
 * along the slope R also writes (first order; the second-order term is below 10⁻¹⁴ here): a level
 * 10⁻⁹ relative off moves the service by more than 10⁻⁹ in some of the 2 000-unit cases.
 * Protection-interval mean and sd, and Q<sub>R</sub>, to 10⁻¹² relative.
 */
class ReplenishmentPlannerReferenceTest {
  private static final String RESOURCE = "/r/planner.csv";
  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#').get();
  private static final StockPosition EMPTY = new StockPosition(0, 0, 0, 0);
  private static final double MOMENT_TOLERANCE = 1e-12;
  private static final double LEVEL_TOLERANCE = 1e-6;
  private static final double SERVICE_TOLERANCE = 1e-9;

  static Stream<Arguments> cases() {
    return records().stream()
        .map(
            r ->
                Arguments.of(
                    String.format(
                        Locale.ROOT,
                        "case %s: %s %s %s = %s, mu = %s, lot = %s",
                        r.get("case"),
                        r.get("policy"),
                        r.get("family"),
                        r.get("measure"),
                        r.get("target"),
                        r.get("mu"),
                        r.get("lot")),
                    r));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givenRReferenceCase_whenPlanning_thenLevelFillRateAndCycleServiceMatchR(
      String label, CSVRecord c) {
    int caseNumber = Integer.parseInt(c.get("case"));
    PolicyType policy = policy(c.get("policy"));
    boolean normal = c.get("family").equals("normal");
    double lot = number(c, "lot");
    double level = number(c, "level");
    double mu = number(c, "mu");

    Recommendation r = ReplenishmentPlanner.plan(request(c, caseNumber, policy, normal, lot));

    assertThat(r.distribution()).as(label).isEqualTo(distributionName(c.get("family")));
    assertThat(r.leadTimeDemandMean()).as(label).isCloseTo(mu, relative(mu, MOMENT_TOLERANCE));
    assertThat(r.leadTimeDemandSd())
        .as(label)
        .isCloseTo(number(c, "sigma"), relative(number(c, "sigma"), MOMENT_TOLERANCE));
    if (policy == PolicyType.R_S) {
      assertThat(r.orderQuantity()).as(label).isCloseTo(lot, relative(lot, MOMENT_TOLERANCE));
      assertThat(r.orderUpTo()).as(label).isEqualTo(r.reorderPoint());
    } else {
      assertThat(r.orderQuantity()).as(label).isEqualTo(lot);
      assertThat(r.orderUpTo()).as(label).isEqualTo(r.reorderPoint() + lot);
    }

    double found = r.reorderPoint();
    if (normal) {
      assertThat(found).as(label).isCloseTo(level, within(LEVEL_TOLERANCE * Math.max(1.0, level)));
      assertThat(r.safetyStock())
          .as(label)
          .isCloseTo(level - mu, within(LEVEL_TOLERANCE * Math.max(1.0, level)));
    } else {
      assertThat(found).as(label).isEqualTo(level);
      assertThat(r.safetyStock())
          .as(label)
          .isCloseTo(level - mu, within(MOMENT_TOLERANCE * Math.max(1.0, mu)));
    }
    double shift = found - level;
    double fillRate = number(c, "fill_rate") + (normal ? number(c, "fill_rate_slope") * shift : 0);
    double cycleService =
        number(c, "cycle_service") + (normal ? number(c, "cycle_service_slope") * shift : 0);
    assertThat(r.expectedFillRate()).as(label).isCloseTo(fillRate, within(SERVICE_TOLERANCE));
    assertThat(r.expectedCycleService())
        .as(label)
        .isCloseTo(cycleService, within(SERVICE_TOLERANCE));
  }

  @Test
  void givenReferenceFile_whenRead_thenEveryPolicyFamilyMeasureAndTargetIsCovered() {
    List<CSVRecord> records = records();

    assertThat(records).hasSize(272);
    assertThat(distinct(records, "policy")).containsExactlyInAnyOrder("s_q", "s_s", "r_s");
    assertThat(distinct(records, "family"))
        .containsExactlyInAnyOrder("normal", "poisson", "nbinom");
    assertThat(distinct(records, "measure")).containsExactlyInAnyOrder("alpha", "beta");
    assertThat(distinct(records, "target")).containsExactlyInAnyOrder("0.8", "0.9", "0.95", "0.99");
    assertThat(distinct(records, "mu")).contains("0.3", "2", "40", "2000");
    // Some cases must exercise the floor at 0 (the lot alone meets the fill rate) and some the
    // discrete scan well above 0.
    assertThat(records).anyMatch(r -> number(r, "level") == 0 && r.get("measure").equals("beta"));
    assertThat(records).anyMatch(r -> !r.get("family").equals("normal") && number(r, "level") > 50);
  }

  private static PlanningRequest request(
      CSVRecord c, int caseNumber, PolicyType policy, boolean normal, double lot) {
    double periodDemand = number(c, "period_demand");
    double periodSd = number(c, "period_sd");
    DemandForecast forecast =
        new DemandForecast(1, new double[] {periodDemand}, new double[] {periodSd});
    LeadTime leadTime =
        new LeadTime(number(c, "lead_periods"), 0, "R reference case " + caseNumber);
    ItemEconomics economics;
    if (policy == PolicyType.R_S) {
      economics = new ItemEconomics(1, 0, 0, 1, 0, null);
    } else if (caseNumber % 2 == 0) {
      economics = new ItemEconomics(1, 0, 0, 1, lot, null);
    } else {
      economics = new ItemEconomics(1, 0, 0, Math.toIntExact(Math.round(lot)), 0, null);
    }
    double target = number(c, "target");
    ServiceTarget serviceTarget =
        c.get("measure").equals("alpha")
            ? ServiceTarget.cycleService(target)
            : ServiceTarget.fillRate(target);
    return new PlanningRequest(
        forecast,
        leadTime,
        economics,
        EMPTY,
        serviceTarget,
        policy,
        number(c, "review_periods"),
        normal ? DemandDistributions.Family.NORMAL : DemandDistributions.Family.DISCRETE);
  }

  private static PolicyType policy(String code) {
    return switch (code) {
      case "s_q" -> PolicyType.S_Q;
      case "s_s" -> PolicyType.S_S;
      case "r_s" -> PolicyType.R_S;
      default -> throw new IllegalArgumentException("unknown policy in " + RESOURCE + ": " + code);
    };
  }

  private static String distributionName(String family) {
    return switch (family) {
      case "normal" -> "normal";
      case "poisson" -> "poisson";
      case "nbinom" -> "negative_binomial";
      default ->
          throw new IllegalArgumentException("unknown family in " + RESOURCE + ": " + family);
    };
  }

  private static org.assertj.core.data.Offset<Double> relative(double expected, double tolerance) {
    return within(tolerance * Math.abs(expected));
  }

  private static List<String> distinct(List<CSVRecord> records, String column) {
    return records.stream().map(r -> r.get(column)).distinct().collect(Collectors.toList());
  }

  private static double number(CSVRecord record, String column) {
    return Double.parseDouble(record.get(column));
  }

  private static List<CSVRecord> records() {
    try (InputStream in = ReplenishmentPlannerReferenceTest.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing test resource " + RESOURCE + "; regenerate it with src/test/r/planner.R");
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return FORMAT.parse(reader).getRecords();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
