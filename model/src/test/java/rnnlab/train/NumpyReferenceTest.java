package rnnlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rnnlab.npy.Npy;
import rnnlab.npy.NpyData;
import rnnlab.npy.WeightFiles;
import rnnlab.numeric.NumericModel;
import rnnlab.spec.NdArray;
import rnnlab.spec.ProgressListener;
import rnnlab.spec.RunSpec;
import rnnlab.task.ParityTask;

/**
 * Holds the numeric engine against an independent NumPy implementation of the lab
 * ({@code src/test/python/lab_reference.py}): same data, same initial weights, same order, float64; the
 * loss curves and final weights must agree to 1e-9 relative. Needs a python3 with numpy; fails (never
 * skips) without one.
 */
@Tag("numpy")
class NumpyReferenceTest {

  private static final Path SCRIPT = Path.of("src/test/python/lab_reference.py");
  private static final double TOLERANCE = 1e-9;

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}, lengths {2}..{3}, clip {5}")
  @CsvSource({
      "per-sequence, 100, 10, 10, 0.1, 5.0",
      "per-sequence, 80, 2, 9, 0.3, 0.5",
      "minibatch, 96, 3, 10, 0.5, 1.0"})
  void lossCurveAndWeightsMatchNumpy(String mode, int samples, int minLength, int maxLength, double lr,
      double clipNorm) throws IOException, InterruptedException {
    int s1 = 10;
    int epochs = 5;
    Path data = dir.resolve("data");
    Path init = dir.resolve("init");
    Path out = dir.resolve("numpy");
    NpyData.write(data, ParityTask.generate(samples, minLength, maxLength, 3, new SplittableRandom(11)));
    RunSpec spec = RunSpec.LAB.with(Map.of("mode", mode, "hidden", s1, "epochs", epochs, "lr", lr,
        "clip_norm", clipNorm, "shuffle", false, "batch_size", 16, "data", data.toString(),
        "init_weights", init.toString(), "test_samples", 20));
    // initial weights from another seed than the run's, so that only --init-weights can supply them
    WeightFiles.write(init, NumericModel.create(spec, new SplittableRandom(99)).weights());

    runNumpy("--data", data.toString(), "--init-weights", init.toString(), "--out", out.toString(),
        "--mode", mode, "--lr", Double.toString(lr), "--epochs", Integer.toString(epochs), "--clip-norm",
        Double.toString(clipNorm), "--batch-size", "16");
    Trained java = Trainer.train(spec, ProgressListener.NONE);

    double[] numpyCurve = Npy.read(out.resolve("loss_curve.npy")).data();
    double[] javaCurve = java.result().lossCurve();
    assertEquals(epochs, numpyCurve.length);
    for (int e = 0; e < epochs; e++) {
      double rel = Math.abs(javaCurve[e] - numpyCurve[e]) / Math.abs(numpyCurve[e]);
      assertTrue(rel <= TOLERANCE,
          "epoch " + (e + 1) + ": java " + javaCurve[e] + ", numpy " + numpyCurve[e]);
    }
    assertTrue(numpyCurve[epochs - 1] < numpyCurve[0], "training moved: " + numpyCurve[0] + " -> "
        + numpyCurve[epochs - 1]);
    for (Map.Entry<String, NdArray> e : java.weights().tensors().entrySet()) {
      NdArray numpy = Npy.read(out.resolve(e.getKey() + ".npy"));
      assertArrayEquals(e.getValue().shape(), numpy.shape(), e.getKey());
      double diff = 0;
      double norm = 0;
      for (int i = 0; i < numpy.data().length; i++) {
        double d = e.getValue().data()[i] - numpy.data()[i];
        diff += d * d;
        norm += numpy.data()[i] * numpy.data()[i];
      }
      double rel = Math.sqrt(diff / norm);
      assertTrue(rel <= TOLERANCE, e.getKey() + ": relative difference " + rel);
    }
  }

  private static void runNumpy(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(pythonWithNumpy(), SCRIPT.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "lab_reference.py did not finish");
    assertEquals(0, p.exitValue(), "lab_reference.py failed:\n" + new String(output, StandardCharsets.UTF_8));
  }

  /** The first of {@code python3} (on the PATH) and {@code /usr/bin/python3} that can import numpy. */
  private static String pythonWithNumpy() throws InterruptedException {
    List<String> tried = new ArrayList<>();
    for (String python : List.of("python3", "/usr/bin/python3")) {
      tried.add(python);
      try {
        Process p = new ProcessBuilder(python, "-c", "import numpy").redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return python;
        }
        p.destroyForcibly();
      } catch (IOException e) {
        // not installed: try the next one
      }
    }
    return fail("no python3 with numpy found (tried " + String.join(", ", tried) + "); the NumPy reference "
        + "test needs one: apt-get install -y python3-numpy, or pip install numpy");
  }
}
