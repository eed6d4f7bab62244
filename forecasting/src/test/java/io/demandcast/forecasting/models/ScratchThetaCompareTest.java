package io.demandcast.forecasting.models;
import org.junit.jupiter.api.Test;
class ScratchThetaCompareTest {
  @Test void run() {
    RReference s = RReference.load("series.csv");
    RReference t = RReference.load("thetaf.csv");
    RReference n2 = RReference.load("naive2.csv");
    for (String name : s.seriesWith("values")) {
      double[] y = s.get(name, "values"); int m = (int) s.scalar(name, "m"); int h = (int) s.scalar(name, "horizon");
      var fit = new Theta(m).fit(y);
      double[] f = fit.forecast(h); double[] r = t.get(name, "mean");
      double maxRel = 0; for (int i = 0; i < h; i++) maxRel = Math.max(maxRel, Math.abs(f[i]-r[i])/Math.abs(r[i]));
      double[] f2 = new Naive2(m).fit(y).forecast(h); double[] r2 = n2.get(name, "mean");
      double maxRel2 = 0; for (int i = 0; i < h; i++) maxRel2 = Math.max(maxRel2, Math.abs(f2[i]-r2[i])/Math.abs(r2[i]));
      System.out.printf("%s theta alpha %.6f vs %.6f drift %.6f vs %.6f s2 %.4f vs %.4f maxRel %.2e | naive2 maxRel %.2e%n", name, fit.parameters().get("alpha"), t.scalar(name,"alpha"), fit.parameters().get("drift"), t.scalar(name,"drift"), fit.parameters().get("sigma2"), t.scalar(name,"sigma2"), maxRel, maxRel2);
    }
  }
}
