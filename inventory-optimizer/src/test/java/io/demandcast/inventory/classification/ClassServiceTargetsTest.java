package io.demandcast.inventory.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.inventory.ServiceTarget;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassServiceTargetsTest {

  private static ItemClass c(String code) {
    return ItemClass.parse(code);
  }

  @Test
  void givenMixedSpec_whenLookingUp_thenPairThenAbcThenXyzThenDefault() {
    ClassServiceTargets t = ClassServiceTargets.parse("AX=0.99,AY=0.97,A=0.98,Y=0.93,C=0.9", 0.95);
    assertThat(t.lookup(c("AX"))).isEqualTo(0.99); // exact pair
    assertThat(t.lookup(c("AY"))).isEqualTo(0.97); // exact pair beats A and Y
    assertThat(t.lookup(c("AZ"))).isEqualTo(0.98); // ABC letter
    assertThat(t.lookup(c("CY"))).isEqualTo(0.9); // ABC letter beats XYZ letter
    assertThat(t.lookup(c("BY"))).isEqualTo(0.93); // XYZ letter
    assertThat(t.lookup(c("BX"))).isEqualTo(0.95); // default
    assertThat(t.target(c("AX"), ServiceTarget.Measure.FILL_RATE))
        .isEqualTo(ServiceTarget.fillRate(0.99));
  }

  @Test
  void givenMixedSpec_whenMatchedKeyAsked_thenTheEntryLookupTookTheLevelFrom() {
    ClassServiceTargets t = ClassServiceTargets.parse("AX=0.99,AY=0.97,A=0.98,Y=0.93,C=0.9", 0.95);
    assertThat(t.matchedKey(c("AY"))).isEqualTo("AY");
    assertThat(t.matchedKey(c("AZ"))).isEqualTo("A");
    assertThat(t.matchedKey(c("CY"))).isEqualTo("C");
    assertThat(t.matchedKey(c("BY"))).isEqualTo("Y");
    assertThat(t.matchedKey(c("BX"))).isNull(); // the default
    assertThat(ClassServiceTargets.parse("", 0.9).matchedKey(c("AX"))).isNull();
  }

  @Test
  void givenAbcOnlySpec_whenLookingUp_thenEveryXyzOfAClassShares() {
    ClassServiceTargets t = ClassServiceTargets.parse("A=0.98,B=0.95,C=0.90", 0.5);
    for (XyzClass xyz : XyzClass.values()) {
      assertThat(t.lookup(new ItemClass(AbcClass.A, xyz))).isEqualTo(0.98);
      assertThat(t.lookup(new ItemClass(AbcClass.B, xyz))).isEqualTo(0.95);
      assertThat(t.lookup(new ItemClass(AbcClass.C, xyz))).isEqualTo(0.90);
    }
  }

  @Test
  void givenBlanksAndLowerCase_whenParsing_thenCanonicalSpecRoundTrips() {
    ClassServiceTargets t = ClassServiceTargets.parse(" ax = 0.99 , c=0.9 ", 0.95);
    assertThat(t.levels()).containsExactly(Map.entry("AX", 0.99), Map.entry("C", 0.9));
    assertThat(t.spec()).isEqualTo("AX=0.99,C=0.9");
    assertThat(ClassServiceTargets.parse(t.spec(), 0.95)).isEqualTo(t);
  }

  @Test
  void givenEmptySpec_whenLookingUp_thenDefault() {
    assertThat(ClassServiceTargets.parse("", 0.9).lookup(c("AX"))).isEqualTo(0.9);
    assertThat(ClassServiceTargets.parse(null, 0.9).lookup(c("CZ"))).isEqualTo(0.9);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "A=0.98,Q=0.9 | 'Q=0.9' | unknown class 'Q'",
        "XA=0.9 | 'XA=0.9' | unknown class 'XA'",
        "AXY=0.9 | 'AXY=0.9' | unknown class 'AXY'",
        "A=1.2 | 'A=1.2' | level 1.2 is outside (0, 1) exclusive",
        "A=0 | 'A=0' | level 0 is outside (0, 1) exclusive",
        "A=NaN | 'A=NaN' | level NaN is outside (0, 1) exclusive",
        "A=abc | 'A=abc' | level 'abc' is not a number",
        "A=0.9,a=0.95 | 'a=0.95' | duplicate class 'A'",
        "A0.9 | 'A0.9' | no '='",
        "A=0.9,,B=0.8 | '' | empty entry",
        "A=0.9, | '' | empty entry"
      })
  void givenBadSpec_whenParsing_thenRejectedNamingEntryProblemAndAcceptedForm(
      String spec, String entry, String problem) {
    assertThatThrownBy(() -> ClassServiceTargets.parse(spec, 0.95))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "bad service level entry "
                + entry
                + " in '"
                + spec
                + "': "
                + problem
                + "; "
                + ClassServiceTargets.ACCEPTED_FORM);
  }

  @Test
  void givenBadDefaultOrLevels_whenCreating_thenRejectedNamingValue() {
    assertThatThrownBy(() -> ClassServiceTargets.parse("A=0.9", 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("defaultLevel must be in (0, 1) exclusive, was 1.5");
    assertThatThrownBy(() -> new ClassServiceTargets(Map.of("B", 0.0), 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("level of B must be in (0, 1) exclusive, was 0.0");
    assertThatThrownBy(() -> new ClassServiceTargets(Map.of("AA", 0.9), 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown class 'AA'");
  }
}
