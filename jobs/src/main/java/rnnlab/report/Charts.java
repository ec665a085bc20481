package rnnlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, drawn with XChart and written as PNG (headless). */
public final class Charts {

  /** Series colours: distinguishable, and readable on white. */
  private static final Color[] PALETTE = {
      new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
      new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x393b79), new Color(0x637939)};

  /** Most series one chart draws; more would be unreadable. */
  public static final int MAX_SERIES = PALETTE.length;

  private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
      BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

  private Charts() {}

  /** A point series of an XY chart; NaN values are left out. */
  public record Series(String name, double[] x, double[] y) {}

  /**
   * A line chart of accuracies {@code series} with markers, and an optional dashed horizontal reference
   * line. The y axis spans chance (0.5, or lower when a value is) to 1.
   *
   * @param reference y of the dashed line, or NaN for none
   * @param referenceName its legend entry
   */
  public static XYChart accuracyLines(String title, String xTitle, String yTitle, List<Series> series,
      boolean logX, double reference, String referenceName) {
    XYChart chart = new XYChartBuilder().width(820).height(460).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    AxesChartStyler s = style(chart.getStyler());
    s.setXAxisLogarithmic(logX);
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = 0.5;
    int i = 0;
    for (Series one : series) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int k = 0; k < one.x().length; k++) {
        if (Double.isFinite(one.x()[k]) && Double.isFinite(one.y()[k]) && (!logX || one.x()[k] > 0)) {
          xs.add(one.x()[k]);
          ys.add(one.y()[k]);
          xMin = Math.min(xMin, one.x()[k]);
          yMin = Math.min(yMin, Math.floor(one.y()[k] * 10) / 10);
          xMax = Math.max(xMax, one.x()[k]);
        }
      }
      if (xs.isEmpty()) {
        continue;
      }
      XYSeries line = chart.addSeries(one.name(), xs, ys);
      Color c = PALETTE[i++ % PALETTE.length];
      line.setMarker(SeriesMarkers.CIRCLE);
      line.setMarkerColor(c);
      line.setLineColor(c);
      line.setLineStyle(new BasicStroke(2.2f));
    }
    if (xMin > xMax) {
      throw new NothingToDrawException("no finite values to draw");
    }
    s.setYAxisMin(yMin).setYAxisMax(1.0);
    if (xMin == xMax) {
      double pad = xMin > 0 ? xMin * 0.5 : 1;
      s.setXAxisMin(xMin - pad).setXAxisMax(xMax + pad);
      xMin -= pad;
      xMax += pad;
    }
    if (Double.isFinite(reference)) {
      XYSeries ref = chart.addSeries(referenceName, new double[] {xMin, xMax},
          new double[] {reference, reference});
      ref.setMarker(SeriesMarkers.NONE);
      ref.setLineColor(Color.DARK_GRAY);
      ref.setLineStyle(DASHED);
    }
    return chart;
  }

  /** Loss curves on a logarithmic axis: each band's median as a line and its spread as a shaded area. */
  public static XYChart lossBands(String title, List<String> names, List<LossBand> bands) {
    XYChart chart = new XYChartBuilder().width(820).height(460).title(title).xAxisTitle("epoch")
        .yAxisTitle("training loss (log scale)").build();
    AxesChartStyler s = style(chart.getStyler());
    s.setYAxisLogarithmic(true);
    s.setXAxisDecimalPattern("0");
    for (int i = 0; i < bands.size(); i++) {
      LossBand b = bands.get(i);
      Color c = PALETTE[i % PALETTE.length];
      int n = b.epoch().length;
      if (n > 1) {
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int k = 0; k < n; k++) {
          px[k] = b.epoch()[k];
          py[k] = b.high()[k];
          px[2 * n - 1 - k] = b.epoch()[k];
          py[2 * n - 1 - k] = b.low()[k];
        }
        XYSeries area = chart.addSeries(names.get(i) + " spread", px, py);
        area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        area.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 50));
        area.setMarker(SeriesMarkers.NONE);
        area.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 0));
        area.setShowInLegend(false);
      }
      XYSeries line = chart.addSeries(names.get(i), b.epoch(), b.median());
      line.setMarker(n > 1 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
      line.setMarkerColor(c);
      line.setLineColor(c);
      line.setLineStyle(new BasicStroke(2.2f));
    }
    return chart;
  }

  /** The points {@code (x, y)} as markers, on a logarithmic y axis when {@code logY}. */
  public static XYChart points(String title, String xTitle, String yTitle, double[] x, double[] y,
      boolean logY) {
    XYChart chart = new XYChartBuilder().width(820).height(360).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    AxesChartStyler s = style(chart.getStyler());
    s.setYAxisLogarithmic(logY);
    s.setXAxisDecimalPattern("0");
    XYSeries dots = chart.addSeries(yTitle, x, y);
    dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    dots.setMarker(SeriesMarkers.CIRCLE);
    dots.setMarkerColor(PALETTE[0]);
    dots.setShowInLegend(false);
    return chart;
  }

  /**
   * Every run's loss curve on a logarithmic axis: runs trained to the end in colour (the first
   * {@link #MAX_SERIES} named), runs stopped early faint and unnamed, and a dashed vertical line at each
   * rung.
   */
  public static XYChart runCurves(String title, List<Series> finished, List<Series> stopped,
      List<Integer> rungs) {
    XYChart chart = new XYChartBuilder().width(820).height(460).title(title).xAxisTitle("epoch")
        .yAxisTitle("training loss (log scale)").build();
    AxesChartStyler s = style(chart.getStyler());
    s.setYAxisLogarithmic(true);
    s.setXAxisDecimalPattern("0");
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    List<Series> all = new ArrayList<>(stopped);
    all.addAll(finished);
    for (int i = 0; i < all.size(); i++) {
      Series one = all.get(i);
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int k = 0; k < one.x().length; k++) {
        if (Double.isFinite(one.y()[k]) && one.y()[k] > 0) {
          xs.add(one.x()[k]);
          ys.add(one.y()[k]);
          low = Math.min(low, one.y()[k]);
          high = Math.max(high, one.y()[k]);
        }
      }
      if (xs.isEmpty()) {
        continue;
      }
      boolean pruned = i < stopped.size();
      int index = i - stopped.size();
      XYSeries line = chart.addSeries(one.name(), xs, ys);
      line.setMarker(SeriesMarkers.NONE);
      Color c = pruned || index >= MAX_SERIES ? new Color(120, 120, 120, pruned ? 60 : 140)
          : PALETTE[index];
      line.setLineColor(c);
      line.setLineStyle(new BasicStroke(pruned ? 1f : 2f));
      line.setShowInLegend(!pruned && index < MAX_SERIES);
    }
    if (low > high) {
      throw new NothingToDrawException("no finite positive losses to draw");
    }
    for (int rung : rungs) {
      XYSeries r = chart.addSeries("rung at epoch " + rung, new double[] {rung, rung},
          new double[] {low, high});
      r.setMarker(SeriesMarkers.NONE);
      r.setLineColor(Color.DARK_GRAY);
      r.setLineStyle(DASHED);
      r.setShowInLegend(false);
    }
    return chart;
  }

  /**
   * A heat map of accuracies {@code values[x][y]} (NaN cells left blank) with the values written in the
   * cells, to two decimals; the colour scale runs from chance (0.5, or the lowest value when lower) to 1. It
   * grows wider with the number of columns so that the values stay apart.
   */
  public static HeatMapChart heatMap(String title, String xTitle, List<?> xs, String yTitle, List<?> ys,
      double[][] values) {
    if (xs.size() < 2 && ys.size() < 2) {
      // XChart 4.0.3 cannot lay out a category axis with one label on both axes
      throw new NothingToDrawException("one " + xTitle + " and one " + yTitle + ": a single cell, see the"
          + " tables");
    }
    double low = 0.5;
    for (double[] column : values) {
      for (double v : column) {
        low = Double.isFinite(v) ? Math.min(low, Math.floor(v * 10) / 10) : low;
      }
    }
    int width = Math.max(560, 230 + 52 * xs.size());
    int height = Math.min(440, Math.max(320, 190 + 70 * ys.size()));
    HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    var s = chart.getStyler();
    style(s);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setXAxisMaxLabelCount(xs.size());
    s.setShowValue(true).setHeatMapValueDecimalPattern("0.00");
    s.setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, 12)).setValueFontColor(Color.BLACK);
    s.setRangeColors(new Color[] {new Color(0xd7301f), new Color(0xfdd49e), new Color(0x1a9850)});
    s.setMin(low).setMax(1.0);
    List<Number[]> cells = new ArrayList<>();
    for (int x = 0; x < xs.size(); x++) {
      for (int y = 0; y < ys.size(); y++) {
        if (Double.isFinite(values[x][y])) {
          cells.add(new Number[] {x, y, values[x][y]});
        }
      }
    }
    if (cells.isEmpty()) {
      throw new NothingToDrawException("no finite values to draw");
    }
    chart.addSeries(title, xs.stream().map(Object::toString).toList(),
        ys.stream().map(Object::toString).toList(), cells);
    return chart;
  }

  /** Writes {@code chart} to {@code dir/name} as PNG and returns the file name. */
  public static String save(Chart<?, ?> chart, Path dir, String name) throws IOException {
    BitmapEncoder.saveBitmap(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
    return name;
  }

  /** A file-name-safe form of {@code text}. */
  public static String slug(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-|-$", "");
  }

  private static <S extends AxesChartStyler> S style(S s) {
    s.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderColor(Color.GRAY).setChartFontColor(Color.BLACK);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    s.setChartTitleBoxVisible(false);
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setLegendBorderColor(Color.LIGHT_GRAY);
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setPlotGridLinesColor(new Color(0xdddddd));
    s.setMarkerSize(7);
    s.setAntiAlias(true);
    return s;
  }
}
