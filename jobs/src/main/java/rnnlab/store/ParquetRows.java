package rnnlab.store;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import rnnlab.spec.Choice;

/**
 * Writes rows of the store's schemas ({@link ResultSchema}) as one Parquet file with Parquet's own writer,
 * on the calling thread: no Spark job, no Spark SQL start-up, no commit protocol (the store has its own,
 * staging then rename). The file is what Spark itself writes for these types (strings as UTF-8 binary,
 * timestamps as microseconds since the epoch in UTC, arrays in the standard three-level list, Snappy), with
 * Spark's schema in the footer, so Spark, DuckDB and pandas read it as a Spark-written one. Types: the
 * store's only (string, int, long, double, boolean, timestamp, array of double).
 */
final class ParquetRows {

  /** The footer key under which Spark keeps a file's Spark schema. */
  private static final String SPARK_SCHEMA = "org.apache.spark.sql.parquet.row.metadata";

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

  /** The Parquet schema of {@code schema}: every column optional, array elements required. */
  static MessageType messageType(StructType schema) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (StructField f : schema.fields()) {
      message.addField(column(f.name(), f.dataType()));
    }
    return message.named("spark_schema");
  }

  private static Type column(String name, DataType type) {
    if (type instanceof ArrayType array) {
      if (array.elementType() != DataTypes.DoubleType) {
        throw new IllegalArgumentException("no Parquet writer for column " + name + " of type " + type);
      }
      return Types.optionalList().requiredElement(PrimitiveTypeName.DOUBLE).named(name);
    }
    if (type == DataTypes.StringType) {
      return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
    } else if (type == DataTypes.IntegerType) {
      return Types.optional(PrimitiveTypeName.INT32).named(name);
    } else if (type == DataTypes.LongType) {
      return Types.optional(PrimitiveTypeName.INT64).named(name);
    } else if (type == DataTypes.DoubleType) {
      return Types.optional(PrimitiveTypeName.DOUBLE).named(name);
    } else if (type == DataTypes.BooleanType) {
      return Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
    } else if (type == DataTypes.TimestampType) {
      return Types.optional(PrimitiveTypeName.INT64)
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
      StructField[] fields = schema.fields();
      for (int i = 0; i < fields.length; i++) {
        if (row.isNullAt(i)) {
          continue;
        }
        out.startField(fields[i].name(), i);
        value(fields[i].dataType(), row.get(i));
        out.endField(fields[i].name(), i);
      }
      out.endMessage();
    }

    private void value(DataType type, Object v) {
      if (type instanceof ArrayType) {
        double[] values = v instanceof double[] d ? d
            : ((List<?>) v).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
        out.startGroup();
        if (values.length > 0) {
          out.startField("list", 0);
          for (double x : values) {
            out.startGroup();
            out.startField("element", 0);
            out.addDouble(x);
            out.endField("element", 0);
            out.endGroup();
          }
          out.endField("list", 0);
        }
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
  }
}
