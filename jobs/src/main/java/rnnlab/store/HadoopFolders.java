package rnnlab.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import rnnlab.npy.Npy;
import rnnlab.train.RunInputs;

/**
 * Folders of {@code .npy} files on any file system Hadoop knows: a plain path is on the default file system
 * (the local disk unless {@code fs.defaultFS} says otherwise), {@code hdfs://...}, {@code s3a://...} through
 * Hadoop's connectors. The driver reads runs' data and initial weights through it.
 */
public final class HadoopFolders implements RunInputs.Folders {

  private final Configuration conf;

  /** Folders on the file systems of {@code conf}. */
  public HadoopFolders(Configuration conf) {
    this.conf = conf;
  }

  @Override
  public byte[] read(String folder, String name) throws IOException {
    Path file = new Path(new Path(folder), name);
    FileSystem fs = file.getFileSystem(conf);
    FileStatus status;
    try {
      status = fs.getFileStatus(file);
    } catch (FileNotFoundException e) {
      return null;
    }
    if (!status.isFile()) {
      return null;
    }
    Npy.checkSize(file.toString(), status.getLen());
    try (InputStream in = fs.open(file)) {
      return in.readAllBytes();
    }
  }

  @Override
  public List<String> npyFiles(String folder) throws IOException {
    Path dir = new Path(folder);
    List<String> names = new ArrayList<>();
    for (FileStatus f : dir.getFileSystem(conf).listStatus(dir)) {
      if (f.isFile() && f.getPath().getName().endsWith(".npy")) {
        names.add(f.getPath().getName());
      }
    }
    names.sort(null);
    return names;
  }
}
