package rnnlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The loss curve as a PNG with a logarithmic loss axis, as the lab plots it. */
final class LossPlot {

  private LossPlot() {}

  /**
   * Writes the curve of {@code loss} (one value per epoch; non-finite and non-positive values, which a log
   * axis cannot show, are left out) to {@code file}.
   */
  static void write(Path file, double[] loss, String title) throws IOException {
    List<Integer> epochs = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int e = 0; e < loss.length; e++) {
      if (Double.isFinite(loss[e]) && loss[e] > 0) {
        epochs.add(e + 1);
        values.add(loss[e]);
      }
    }
    if (values.isEmpty()) {
      throw new IOException("no positive finite loss to plot");
    }
    XYChart chart = new XYChartBuilder().width(800).height(450).title(title).xAxisTitle("Epoch")
        .yAxisTitle("Loss").build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendVisible(false);
    chart.addSeries("loss", epochs, values).setMarker(SeriesMarkers.CIRCLE);
    Outputs.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
  }
}
