import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The best-so-far chart of jobs/bench/tpe-vs-random.sh: for TPE and random search, the median over seeds
 * of the best held-out accuracy after n runs, with the range over seeds shaded.
 *   KEEP=DIR jobs/bench/tpe-vs-random.sh
 *   java -cp "$(ls ~/.m2/repository/org/knowm/xchart/xchart/4.0.3/xchart-4.0.3.jar)" jobs/bench/BestSoFar.java \
 *       DIR docs/search/tpe-best-so-far.png
 */
public final class BestSoFar {

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    XYChart chart = new XYChartBuilder().width(820).height(460)
        .title("Best held-out accuracy so far: median over sweep seeds (range shaded)")
        .xAxisTitle("runs").yAxisTitle("best held-out accuracy").build();
    chart.getStyler().setXAxisDecimalPattern("0");
    Color[] colours = {new Color(0x1f77b4), new Color(0xd62728)};
    int c = 0;
    for (String kind : List.of("tpe", "random")) {
      List<double[]> curves = new ArrayList<>();
      try (var files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.getFileName().toString().startsWith(kind + "-")).sorted().toList()) {
          List<String> lines = Files.readAllLines(f);
          double[] best = new double[lines.size() - 1];
          double b = Double.NEGATIVE_INFINITY;
          for (int i = 1; i < lines.size(); i++) {
            String v = lines.get(i).trim();
            double a = v.isEmpty() || v.equals("NaN") ? Double.NaN : Double.parseDouble(v);
            b = Double.isNaN(a) ? b : Math.max(b, a);
            best[i - 1] = b;
          }
          curves.add(best);
        }
      }
      int n = curves.stream().mapToInt(x -> x.length).min().orElse(0);
      double[] x = new double[n];
      double[] median = new double[n];
      double[] low = new double[n];
      double[] high = new double[n];
      for (int i = 0; i < n; i++) {
        int at = i;
        double[] v = curves.stream().mapToDouble(cv -> cv[at]).sorted().toArray();
        x[i] = i + 1;
        median[i] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        low[i] = v[0];
        high[i] = v[v.length - 1];
      }
      Color col = colours[c++];
      double[] px = new double[2 * n];
      double[] py = new double[2 * n];
      for (int i = 0; i < n; i++) {
        px[i] = x[i];
        py[i] = high[i];
        px[2 * n - 1 - i] = x[i];
        py[2 * n - 1 - i] = low[i];
      }
      XYSeries band = chart.addSeries(kind + " range", px, py);
      band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
      band.setFillColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 40));
      band.setLineColor(new Color(0, 0, 0, 0));
      band.setMarker(SeriesMarkers.NONE);
      band.setShowInLegend(false);
      XYSeries line = chart.addSeries(kind + " (median of " + curves.size() + " seeds)", x, median);
      line.setMarker(SeriesMarkers.NONE);
      line.setLineColor(col);
      line.setLineStyle(new BasicStroke(2.2f));
      System.out.println(kind + ": median best after 15/30/60 runs: " + median[Math.min(14, n - 1)] + " "
          + median[Math.min(29, n - 1)] + " " + median[n - 1] + " (" + Arrays.toString(new int[] {n}) + " runs)");
    }
    BitmapEncoder.saveBitmap(chart, args[1], BitmapEncoder.BitmapFormat.PNG);
  }
}
