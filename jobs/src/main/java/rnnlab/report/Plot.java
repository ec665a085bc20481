package rnnlab.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A figure as data: what a chart shows, computed by a section and drawn by a renderer ({@link Charts} as
 * PNG). The factories check that there is something to draw and throw {@link NothingToDrawException}
 * otherwise, so that a section can say so in words; a renderer never has to.
 */
public sealed interface Plot permits Plot.Lines, Plot.Bands, Plot.Points, Plot.RunCurves, Plot.HeatMap,
    Plot.Bars {

  /** The chart's title. */
  String title();

  /** A named series of points; NaN values are left out by the factories that take series. */
  record Series(String name, double[] x, double[] y) {

    /** This series without points whose x or y is not finite, or x not positive when {@code logX}. */
    Series finite(boolean logX) {
      List<double[]> kept = new ArrayList<>();
      for (int k = 0; k < x.length; k++) {
        if (Double.isFinite(x[k]) && Double.isFinite(y[k]) && (!logX || x[k] > 0)) {
          kept.add(new double[] {x[k], y[k]});
        }
      }
      return new Series(name, kept.stream().mapToDouble(p -> p[0]).toArray(),
          kept.stream().mapToDouble(p -> p[1]).toArray());
    }
  }

  /**
   * Accuracy lines with markers, y from chance (0.5, lower when a value is) to 1, and an optional dashed
   * horizontal reference line.
   *
   * @param integerX      x values are whole numbers (windows, runs)
   * @param reference     y of the dashed line, or NaN for none
   * @param referenceName its legend entry
   */
  record Lines(String title, String xTitle, String yTitle, List<Series> series, boolean logX,
      boolean integerX, double reference, String referenceName) implements Plot {

    /** The lines of {@code series}, with only their finite points. */
    public static Lines of(String title, String xTitle, String yTitle, List<Series> series, boolean logX,
        boolean integerX, double reference, String referenceName) {
      List<Series> kept = series.stream().map(s -> s.finite(logX)).filter(s -> s.x().length > 0).toList();
      if (kept.isEmpty()) {
        throw new NothingToDrawException("no finite values to draw");
      }
      return new Lines(title, xTitle, yTitle, kept, logX, integerX, reference, referenceName);
    }
  }

  /** Loss bands on a logarithmic axis: each band's median as a line, its spread as a shaded area. */
  record Bands(String title, List<String> names, List<LossBand> bands) implements Plot {}

  /** The points {@code (x, y)} as markers, on a logarithmic y axis when {@code logY}. */
  record Points(String title, String xTitle, String yTitle, double[] x, double[] y, boolean logY)
      implements Plot {}

  /**
   * Every run's loss curve on a logarithmic axis: runs trained to the end in colour, runs stopped early
   * faint, a dashed vertical line at each rung. Only finite, positive losses are kept.
   */
  record RunCurves(String title, List<Series> finished, List<Series> stopped, List<Integer> rungs)
      implements Plot {

    /** The curves, with only their finite positive losses. */
    public static RunCurves of(String title, List<Series> finished, List<Series> stopped,
        List<Integer> rungs) {
      List<Series> f = positive(finished);
      List<Series> s = positive(stopped);
      if (f.isEmpty() && s.isEmpty()) {
        throw new NothingToDrawException("no finite positive losses to draw");
      }
      return new RunCurves(title, f, s, rungs);
    }

    private static List<Series> positive(List<Series> curves) {
      return curves.stream().map(c -> c.finite(false)).map(c -> {
        List<Integer> keep = new ArrayList<>();
        for (int k = 0; k < c.y().length; k++) {
          if (c.y()[k] > 0) {
            keep.add(k);
          }
        }
        return new Series(c.name(), keep.stream().mapToDouble(k -> c.x()[k]).toArray(),
            keep.stream().mapToDouble(k -> c.y()[k]).toArray());
      }).filter(c -> c.x().length > 0).toList();
    }
  }

  /**
   * A heat map of accuracies {@code values[x][y]} (NaN cells blank), the values written in the cells; colours
   * from chance (0.5, or the lowest value when lower) to 1.
   */
  record HeatMap(String title, String xTitle, List<String> xs, String yTitle, List<String> ys,
      double[][] values) implements Plot {

    /** The heat map, when it has more than one cell and at least one finite value. */
    public static HeatMap of(String title, String xTitle, List<?> xs, String yTitle, List<?> ys,
        double[][] values) {
      if (xs.size() < 2 && ys.size() < 2) {
        throw new NothingToDrawException("one " + xTitle + " and one " + yTitle + ": a single cell, see the"
            + " tables");
      }
      boolean any = false;
      for (double[] column : values) {
        for (double v : column) {
          any |= Double.isFinite(v);
        }
      }
      if (!any) {
        throw new NothingToDrawException("no finite values to draw");
      }
      return new HeatMap(title, xTitle, xs.stream().map(String::valueOf).toList(), yTitle,
          ys.stream().map(String::valueOf).toList(), values);
    }
  }

  /**
   * Bars, one per name, in the order given: e.g. each hyperparameter's importance.
   *
   * @param values the bars' heights
   */
  record Bars(String title, String yTitle, List<String> names, double[] values) implements Plot {}
}
