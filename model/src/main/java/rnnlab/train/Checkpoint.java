package rnnlab.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import rnnlab.spec.ModelState;
import rnnlab.spec.NdArray;
import rnnlab.spec.OptimizerState;
import rnnlab.spec.Weights;

/**
 * A run stopped after an epoch, ready to continue on any executor with exactly the numbers of the same run
 * trained without stopping ({@link Trainer#train(RunSpec, Checkpoint, int, ProgressListener)}). It holds the
 * model's state and the curves so far. The other random streams need no saving: the data, held-out sets
 * and initial weights are drawn again from the spec's seed, and the shuffle stream's position is
 * {@code epochs} shuffles, replayed on resume.
 *
 * @param runId         the run's id, checked on resume
 * @param epochs        epochs trained
 * @param model         parameters and optimizer state after those epochs
 * @param lossCurve     loss per epoch so far
 * @param gradNormCurve mean pre-clip gradient norm per epoch so far
 * @param wallMs        training time so far
 */
public record Checkpoint(String runId, int epochs, ModelState model, double[] lossCurve,
    double[] gradNormCurve, long wallMs) {

  private static final String MAGIC = "rnnlab-checkpoint";
  private static final int VERSION = 1;

  /** A compact binary form (big-endian doubles, no compression): 8 bytes per number plus names. */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(runId);
      out.writeInt(epochs);
      out.writeLong(wallMs);
      write(out, lossCurve);
      write(out, gradNormCurve);
      Map<String, NdArray> tensors = model.weights().tensors();
      out.writeInt(tensors.size());
      for (Map.Entry<String, NdArray> t : tensors.entrySet()) {
        out.writeUTF(t.getKey());
        int[] shape = t.getValue().shape();
        out.writeInt(shape.length);
        for (int d : shape) {
          out.writeInt(d);
        }
        write(out, t.getValue().data());
      }
      out.writeLong(model.optimizer().steps());
      write(out, model.optimizer().values());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The checkpoint {@link #toBytes} wrote.
   *
   * @throws IllegalArgumentException when the bytes are not a checkpoint of this version
   */
  public static Checkpoint fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
        throw new IllegalArgumentException("not an rnnlab checkpoint of version " + VERSION);
      }
      String runId = in.readUTF();
      int epochs = in.readInt();
      long wallMs = in.readLong();
      double[] loss = read(in);
      double[] gradNorm = read(in);
      Map<String, NdArray> tensors = new LinkedHashMap<>();
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        int[] shape = new int[in.readInt()];
        for (int d = 0; d < shape.length; d++) {
          shape[d] = in.readInt();
        }
        tensors.put(name, new NdArray(shape, read(in)));
      }
      OptimizerState optimizer = new OptimizerState(in.readLong(), read(in));
      if (in.available() != 0) {
        throw new IllegalArgumentException("checkpoint of run " + runId + " has " + in.available()
            + " bytes too many");
      }
      return new Checkpoint(runId, epochs, new ModelState(new Weights(tensors), optimizer), loss, gradNorm,
          wallMs);
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated or damaged checkpoint: " + e, e);
    }
  }

  private static void write(DataOutputStream out, double[] values) throws IOException {
    out.writeInt(values.length);
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  private static double[] read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available() / Double.BYTES) {
      throw new IOException("bad array length " + n);
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c && runId.equals(c.runId) && epochs == c.epochs && wallMs == c.wallMs
        && model.equals(c.model) && Arrays.equals(lossCurve, c.lossCurve)
        && Arrays.equals(gradNormCurve, c.gradNormCurve);
  }

  @Override
  public int hashCode() {
    return runId.hashCode() * 31 + epochs;
  }

  @Override
  public String toString() {
    return "Checkpoint[run " + runId + " after epoch " + epochs + "]";
  }
}
