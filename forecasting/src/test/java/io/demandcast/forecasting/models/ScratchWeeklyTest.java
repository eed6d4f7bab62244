package io.demandcast.forecasting.models;
import org.junit.jupiter.api.Test;
import java.nio.file.*; import java.util.*;
class ScratchWeeklyTest {
  @Test void run() throws Exception {
    List<String> train = Files.readAllLines(Path.of("/work/shared/data/m4/Weekly-train.csv"));
    List<String> ref = Files.readAllLines(Path.of("/work/shared/data/m4/Naive2-Weekly.csv"));
    Map<String,double[]> refs = new HashMap<>();
    for (String l : ref.subList(1, ref.size())) { String[] f = l.split(","); double[] v = new double[13]; for (int i=0;i<13;i++) v[i]=Double.parseDouble(f[i+1]); refs.put(f[0].replace("\"",""), v); }
    int bad = 0, count = 0; double maxAbs = 0;
    for (String l : train.subList(1, train.size())) {
      String[] f = l.split(","); String id = f[0].replace("\"","");
      double[] y = Arrays.stream(f, 1, f.length).map(s -> s.replace("\"","")).filter(s -> !s.isEmpty() && !s.equals("NA")).mapToDouble(Double::parseDouble).toArray();
      double[] fc = new Naive2(1).fit(y).forecast(13); double[] r = refs.get(id);
      for (int i=0;i<13;i++){ String printed = ref.get(0).isEmpty()?"":""; double d=Math.abs(fc[i]-r[i]); maxAbs=Math.max(maxAbs, d/Math.abs(r[i])); }
      count++;
    }
    System.out.println("series " + count + " maxRel " + maxAbs);
  }
}
