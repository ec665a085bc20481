package rnnlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
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

  /** The XChart chart of {@code plot}. */
  static Chart<?, ?> draw(Plot plot) {
    if (plot instanceof Plot.Lines l) {
      return lines(l);
    } else if (plot instanceof Plot.Bands b) {
      return bands(b);
    } else if (plot instanceof Plot.Points p) {
      return points(p);
    } else if (plot instanceof Plot.RunCurves c) {
      return runCurves(c);
    } else if (plot instanceof Plot.HeatMap h) {
      return heatMap(h);
    } else if (plot instanceof Plot.Bars b) {
      return bars(b);
    }
    throw new IllegalStateException("no chart for " + plot);
  }

  private static XYChart lines(Plot.Lines p) {
    XYChart chart = new XYChartBuilder().width(820).height(460).title(p.title()).xAxisTitle(p.xTitle())
        .yAxisTitle(p.yTitle()).build();
    AxesChartStyler s = style(chart.getStyler());
    s.setXAxisLogarithmic(p.logX());
    if (p.integerX()) {
      s.setXAxisDecimalPattern("0");
    }
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = 0.5;
    int i = 0;
    for (Plot.Series one : p.series()) {
      for (int k = 0; k < one.x().length; k++) {
        xMin = Math.min(xMin, one.x()[k]);
        xMax = Math.max(xMax, one.x()[k]);
        yMin = Math.min(yMin, Math.floor(one.y()[k] * 10) / 10);
      }
      XYSeries line = chart.addSeries(one.name(), one.x(), one.y());
      Color c = PALETTE[i++ % PALETTE.length];
      line.setMarker(SeriesMarkers.CIRCLE);
      line.setMarkerColor(c);
      line.setLineColor(c);
      line.setLineStyle(new BasicStroke(2.2f));
    }
    s.setYAxisMin(yMin).setYAxisMax(1.0);
    if (xMin == xMax) {
      double pad = xMin > 0 ? xMin * 0.5 : 1;
      s.setXAxisMin(xMin - pad).setXAxisMax(xMax + pad);
      xMin -= pad;
      xMax += pad;
    }
    if (Double.isFinite(p.reference())) {
      XYSeries ref = chart.addSeries(p.referenceName(), new double[] {xMin, xMax},
          new double[] {p.reference(), p.reference()});
      ref.setMarker(SeriesMarkers.NONE);
      ref.setLineColor(Color.DARK_GRAY);
      ref.setLineStyle(DASHED);
    }
    return chart;
  }

  private static XYChart bands(Plot.Bands p) {
    XYChart chart = new XYChartBuilder().width(820).height(460).title(p.title()).xAxisTitle("epoch")
        .yAxisTitle("training loss (log scale)").build();
    AxesChartStyler s = style(chart.getStyler());
    s.setYAxisLogarithmic(true);
    s.setXAxisDecimalPattern("0");
    for (int i = 0; i < p.bands().size(); i++) {
      LossBand b = p.bands().get(i);
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
        XYSeries area = chart.addSeries(p.names().get(i) + " spread", px, py);
        area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        area.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 50));
        area.setMarker(SeriesMarkers.NONE);
        area.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 0));
        area.setShowInLegend(false);
      }
      XYSeries line = chart.addSeries(p.names().get(i), b.epoch(), b.median());
      line.setMarker(n > 1 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
      line.setMarkerColor(c);
      line.setLineColor(c);
      line.setLineStyle(new BasicStroke(2.2f));
    }
    return chart;
  }

  private static XYChart points(Plot.Points p) {
    XYChart chart = new XYChartBuilder().width(820).height(360).title(p.title()).xAxisTitle(p.xTitle())
        .yAxisTitle(p.yTitle()).build();
    AxesChartStyler s = style(chart.getStyler());
    s.setYAxisLogarithmic(p.logY());
    s.setXAxisDecimalPattern("0");
    XYSeries dots = chart.addSeries(p.yTitle(), p.x(), p.y());
    dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    dots.setMarker(SeriesMarkers.CIRCLE);
    dots.setMarkerColor(PALETTE[0]);
    dots.setShowInLegend(false);
    return chart;
  }

  private static XYChart runCurves(Plot.RunCurves p) {
    XYChart chart = new XYChartBuilder().width(820).height(460).title(p.title()).xAxisTitle("epoch")
        .yAxisTitle("training loss (log scale)").build();
    AxesChartStyler s = style(chart.getStyler());
    s.setYAxisLogarithmic(true);
    s.setXAxisDecimalPattern("0");
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    List<Plot.Series> all = new ArrayList<>(p.stopped());
    all.addAll(p.finished());
    for (int i = 0; i < all.size(); i++) {
      Plot.Series one = all.get(i);
      for (double y : one.y()) {
        low = Math.min(low, y);
        high = Math.max(high, y);
      }
      boolean pruned = i < p.stopped().size();
      int index = i - p.stopped().size();
      XYSeries line = chart.addSeries(one.name(), one.x(), one.y());
      line.setMarker(SeriesMarkers.NONE);
      Color c = pruned || index >= MAX_SERIES ? new Color(120, 120, 120, pruned ? 60 : 140)
          : PALETTE[index];
      line.setLineColor(c);
      line.setLineStyle(new BasicStroke(pruned ? 1f : 2f));
      line.setShowInLegend(!pruned && index < MAX_SERIES);
    }
    for (int rung : p.rungs()) {
      XYSeries r = chart.addSeries("rung at epoch " + rung, new double[] {rung, rung},
          new double[] {low, high});
      r.setMarker(SeriesMarkers.NONE);
      r.setLineColor(Color.DARK_GRAY);
      r.setLineStyle(DASHED);
      r.setShowInLegend(false);
    }
    return chart;
  }

  private static CategoryChart bars(Plot.Bars p) {
    CategoryChart chart = new CategoryChartBuilder().width(820).height(360).title(p.title())
        .yAxisTitle(p.yTitle()).build();
    var s = style(chart.getStyler());
    s.setLegendVisible(false);
    s.setYAxisMin(0.0);
    s.setYAxisDecimalPattern("0.00");
    CategorySeries bars = chart.addSeries(p.yTitle(), p.names(),
        Arrays.stream(p.values()).boxed().toList());
    bars.setFillColor(PALETTE[0]);
    return chart;
  }

  /** Grows wider with the number of columns so that the values written in the cells stay apart. */
  private static HeatMapChart heatMap(Plot.HeatMap p) {
    double low = 0.5;
    for (double[] column : p.values()) {
      for (double v : column) {
        low = Double.isFinite(v) ? Math.min(low, Math.floor(v * 10) / 10) : low;
      }
    }
    int width = Math.max(560, 230 + 52 * p.xs().size());
    int height = Math.min(440, Math.max(320, 190 + 70 * p.ys().size()));
    HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(p.title())
        .xAxisTitle(p.xTitle()).yAxisTitle(p.yTitle()).build();
    var s = chart.getStyler();
    style(s);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    // XChart 4.0.3 throws "Unsupported max label count equal to 1" for a single window: ask for 2 at least
    s.setXAxisMaxLabelCount(Math.max(2, p.xs().size()));
    s.setShowValue(true).setHeatMapValueDecimalPattern("0.00");
    s.setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, 12)).setValueFontColor(Color.BLACK);
    s.setRangeColors(new Color[] {new Color(0xd7301f), new Color(0xfdd49e), new Color(0x1a9850)});
    s.setMin(low).setMax(1.0);
    List<Number[]> cells = new ArrayList<>();
    for (int x = 0; x < p.xs().size(); x++) {
      for (int y = 0; y < p.ys().size(); y++) {
        if (Double.isFinite(p.values()[x][y])) {
          cells.add(new Number[] {x, y, p.values()[x][y]});
        }
      }
    }
    chart.addSeries(p.title(), p.xs(), p.ys(), cells);
    return chart;
  }

  /** Writes {@code chart} to {@code dir/name} as PNG and returns the file name. */
  static String save(Chart<?, ?> chart, Path dir, String name) throws IOException {
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
