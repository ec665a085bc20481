package rnnlab.store;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import rnnlab.spec.Choice;

/**
 * Writes rows of the store's schemas ({@link ResultSchema}) as one Parquet file with Parquet's own writer,
 * and reads chosen columns of such files back, on the calling thread: no Spark job, no Spark SQL start-up,
 * no commit protocol (the store has its own, staging then rename). The file is what Spark itself writes for
 * these types (strings as UTF-8 binary, timestamps as microseconds since the epoch in UTC, arrays in the
 * standard three-level list, structs as groups, Snappy), with Spark's schema in the footer, so Spark, DuckDB
 * and pandas read it as a Spark-written one. Types: the store's only (string, int, long, double, boolean,
 * timestamp, and arrays and structs of these).
 */
final class ParquetRows {

  /** The footer key under which Spark keeps a file's Spark schema. */
  private static final String SPARK_SCHEMA = "org.apache.spark.sql.parquet.row.metadata";
  /** The Julian day number of 1970-01-01. */
  private static final long JULIAN_DAY_OF_EPOCH = 2_440_588;

  private ParquetRows() {}

  /** Writes {@code rows} (with {@code schema}) to the new file {@code file}. */
  static void write(Configuration conf, Path file, StructType schema, List<Row> rows) throws IOException {
    try (ParquetWriter<Row> writer = new Builder(HadoopOutputFile.fromPath(file, conf), schema)
        .withConf(conf)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.CREATE)
        .build()) {
      for (Row row : rows) {
        writer.write(row);
      }
    }
  }

  /**
   * Reads the columns of {@code wanted} from the Parquet file {@code file} on this thread (no Spark job),
   * as Spark would read it with that schema: a column the file lacks reads as null, and only the wanted
   * columns are read from disk. Reads what Spark writes too (INT96 or INT64 timestamps, three-level or
   * legacy two-level lists). Each row has the schema {@code wanted} plus a last string column
   * {@code fileColumn} holding {@code file} (as Spark's {@code input_file_name()}).
   */
  static List<Row> read(Configuration conf, Path file, StructType wanted, String fileColumn)
      throws IOException {
    HadoopInputFile in = HadoopInputFile.fromPath(file, conf);
    MessageType fileSchema;
    try (ParquetFileReader footer = ParquetFileReader.open(in)) {
      fileSchema = footer.getFooter().getFileMetaData().getSchema();
    }
    List<Type> projected = new ArrayList<>();
    for (StructField f : wanted.fields()) {
      if (fileSchema.containsField(f.name())) {
        projected.add(fileSchema.getType(f.name()));
      }
    }
    List<Row> rows = new ArrayList<>();
    if (projected.isEmpty()) {
      return rows;
    }
    MessageType projection = new MessageType(fileSchema.getName(), projected);
    Configuration readConf = new Configuration(conf);
    readConf.set(ReadSupport.PARQUET_READ_SCHEMA, projection.toString());
    String name = file.toString();
    StructType schema = wanted.add(fileColumn, DataTypes.StringType);
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).withConf(readConf)
        .build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        Object[] values = new Object[wanted.fields().length + 1];
        for (int i = 0; i < wanted.fields().length; i++) {
          StructField f = wanted.fields()[i];
          if (projection.containsField(f.name()) && g.getFieldRepetitionCount(f.name()) > 0) {
            values[i] = valueOf(g, f.name(), 0, f.dataType());
          }
        }
        values[values.length - 1] = name;
        rows.add(new GenericRowWithSchema(values, schema));
      }
    }
    return rows;
  }

  /**
   * Value {@code index} of field {@code name} of {@code g}, in the form Spark's rows hold: arrays as Scala
   * sequences, structs as rows with their schema.
   */
  private static Object valueOf(Group g, String name, int index, DataType type) {
    if (type instanceof ArrayType array) {
      Group list = g.getGroup(name, index);
      Type repeated = list.getType().getType(0);
      int n = list.getFieldRepetitionCount(0);
      Object[] values = new Object[n];
      for (int i = 0; i < n; i++) {
        if (repeated.isPrimitive()) { // the legacy two-level list of primitives
          values[i] = valueOf(list, repeated.getName(), i, array.elementType());
        } else {
          Group element = list.getGroup(0, i);
          String field = element.getType().getFieldName(0);
          values[i] = element.getFieldRepetitionCount(0) == 0 ? null
              : valueOf(element, field, 0, array.elementType());
        }
      }
      return scala.Predef.wrapRefArray(values);
    } else if (type instanceof StructType struct) {
      Group group = g.getGroup(name, index);
      Object[] values = new Object[struct.size()];
      for (int i = 0; i < values.length; i++) {
        String field = struct.fields()[i].name();
        if (group.getType().containsField(field) && group.getFieldRepetitionCount(field) > 0) {
          values[i] = valueOf(group, field, 0, struct.fields()[i].dataType());
        }
      }
      return new GenericRowWithSchema(values, struct);
    } else if (type == DataTypes.StringType) {
      return g.getString(name, index);
    } else if (type == DataTypes.IntegerType) {
      return g.getInteger(name, index);
    } else if (type == DataTypes.LongType) {
      return g.getLong(name, index);
    } else if (type == DataTypes.DoubleType) {
      return g.getDouble(name, index);
    } else if (type == DataTypes.BooleanType) {
      return g.getBoolean(name, index);
    } else if (type == DataTypes.TimestampType) {
      long micros;
      if (g.getType().getType(name).asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT96) {
        NanoTime t = NanoTime.fromBinary(g.getInt96(name, index)); // Spark's default: Julian day, nanos
        micros = (t.getJulianDay() - JULIAN_DAY_OF_EPOCH) * 86_400_000_000L + t.getTimeOfDayNanos() / 1000;
      } else {
        micros = g.getLong(name, index);
      }
      Timestamp ts = new Timestamp(Math.floorDiv(micros, 1000L));
      ts.setNanos((int) Math.floorMod(micros, 1_000_000L) * 1000);
      return ts;
    }
    throw new IllegalArgumentException("no Parquet reader for column " + name + " of type " + type);
  }

  /**
   * The Parquet schema of {@code schema}, as Spark writes it: a nullable field optional, a non-null array
   * element required, arrays as standard three-level lists, structs as groups.
   */
  static MessageType messageType(StructType schema) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (StructField f : schema.fields()) {
      message.addField(column(f.name(), f.dataType(), Type.Repetition.OPTIONAL));
    }
    return message.named("spark_schema");
  }

  private static Type column(String name, DataType type, Type.Repetition repetition) {
    if (type instanceof ArrayType array) {
      Type element = column("element", array.elementType(), array.containsNull() ? Type.Repetition.OPTIONAL
          : Type.Repetition.REQUIRED);
      return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
          .addField(Types.repeatedGroup().addField(element).named("list")).named(name);
    } else if (type instanceof StructType struct) {
      Types.GroupBuilder<GroupType> group = Types.buildGroup(repetition);
      for (StructField f : struct.fields()) {
        group.addField(column(f.name(), f.dataType(), Type.Repetition.OPTIONAL));
      }
      return group.named(name);
    } else if (type == DataTypes.StringType) {
      return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType())
          .named(name);
    } else if (type == DataTypes.IntegerType) {
      return Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
    } else if (type == DataTypes.LongType) {
      return Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
    } else if (type == DataTypes.DoubleType) {
      return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
    } else if (type == DataTypes.BooleanType) {
      return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
    } else if (type == DataTypes.TimestampType) {
      return Types.primitive(PrimitiveTypeName.INT64, repetition)
          .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
    }
    throw new IllegalArgumentException("no Parquet writer for column " + name + " of type " + type);
  }

  private static final class Builder extends ParquetWriter.Builder<Row, Builder> {

    private final StructType schema;

    Builder(HadoopOutputFile file, StructType schema) {
      super(file);
      this.schema = schema;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(schema);
    }
  }

  /** Sends a {@link Row}'s values to Parquet's record consumer, column by column. */
  private static final class RowWriteSupport extends WriteSupport<Row> {

    private final StructType schema;
    private RecordConsumer out;

    RowWriteSupport(StructType schema) {
      this.schema = schema;
    }

    @Override
    public WriteContext init(Configuration conf) {
      HashMap<String, String> footer = new HashMap<>();
      footer.put(SPARK_SCHEMA, schema.json());
      return new WriteContext(messageType(schema), footer);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.out = recordConsumer;
    }

    @Override
    public void write(Row row) {
      out.startMessage();
      fields(schema, row);
      out.endMessage();
    }

    /** The non-null fields of {@code row}, a row or struct of type {@code type}. */
    private void fields(StructType type, Row row) {
      StructField[] fields = type.fields();
      for (int i = 0; i < fields.length; i++) {
        if (row.isNullAt(i)) {
          continue;
        }
        out.startField(fields[i].name(), i);
        value(fields[i].dataType(), row.get(i));
        out.endField(fields[i].name(), i);
      }
    }

    private void value(DataType type, Object v) {
      if (type instanceof ArrayType array) {
        List<?> values = elements(v);
        out.startGroup();
        if (!values.isEmpty()) {
          out.startField("list", 0);
          for (Object x : values) {
            out.startGroup();
            if (x != null) {
              out.startField("element", 0);
              value(array.elementType(), x);
              out.endField("element", 0);
            }
            out.endGroup();
          }
          out.endField("list", 0);
        }
        out.endGroup();
      } else if (type instanceof StructType struct) {
        out.startGroup();
        fields(struct, (Row) v);
        out.endGroup();
      } else if (type == DataTypes.StringType) {
        out.addBinary(Binary.fromString(v instanceof Choice c ? c.label() : v.toString()));
      } else if (type == DataTypes.IntegerType) {
        out.addInteger(((Number) v).intValue());
      } else if (type == DataTypes.LongType) {
        out.addLong(((Number) v).longValue());
      } else if (type == DataTypes.DoubleType) {
        out.addDouble(((Number) v).doubleValue());
      } else if (type == DataTypes.BooleanType) {
        out.addBoolean((Boolean) v);
      } else { // TimestampType, as messageType allows no other
        Timestamp t = (Timestamp) v;
        out.addLong(Math.floorDiv(t.getTime(), 1000L) * 1_000_000L + t.getNanos() / 1000);
      }
    }

    /** The elements of an array value as a row holds it: a Java array, a Java list or a Scala sequence. */
    private static List<?> elements(Object v) {
      if (v instanceof double[] d) {
        return Arrays.stream(d).boxed().toList();
      } else if (v instanceof int[] ints) {
        return Arrays.stream(ints).boxed().toList();
      } else if (v instanceof Object[] objects) {
        return Arrays.asList(objects);
      } else if (v instanceof scala.collection.Seq<?> seq) {
        return scala.collection.JavaConverters.seqAsJavaList(seq);
      }
      return (List<?>) v;
    }
  }
}
