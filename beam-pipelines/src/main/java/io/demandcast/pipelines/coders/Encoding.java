package io.demandcast.pipelines.coders;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.VarInt;

/**
 * The field encodings the job's element coders are written with: each value is written in full and
 * read back exactly, with no buffering beyond what it needs, so that coders built on them work in
 * Beam's nested context (inside a {@code KvCoder}, an iterable, another coder).
 *
 * <p>Lengths and counts are Beam's {@link VarInt}s; a nullable string or array writes its length
 * plus one, 0 for null. Doubles are written as {@link Double#doubleToLongBits} (NaN canonical), so
 * two equal values always give the same bytes.
 */
public final class Encoding {
  private Encoding() {}

  /** {@code out} as a {@link DataOutputStream}, wrapped only when it is not one already. */
  public static DataOutputStream output(OutputStream out) {
    return out instanceof DataOutputStream d ? d : new DataOutputStream(out);
  }

  /** {@code in} as a {@link DataInputStream}, wrapped (without buffering) when it is not one. */
  public static DataInputStream input(InputStream in) {
    return in instanceof DataInputStream d ? d : new DataInputStream(in);
  }

  /** A count or length, at least 0. */
  public static void writeCount(DataOutputStream out, int count) throws IOException {
    VarInt.encode(count, out);
  }

  /** A count or length written by {@link #writeCount}. */
  public static int readCount(DataInputStream in) throws IOException {
    int count = VarInt.decodeInt(in);
    if (count < 0) {
      throw new CoderException("negative count " + count);
    }
    return count;
  }

  /** A string, or null. */
  public static void writeString(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      VarInt.encode(0, out);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    VarInt.encode(bytes.length + 1, out);
    out.write(bytes);
  }

  /** A string written by {@link #writeString}, or null. */
  public static String readString(DataInputStream in) throws IOException {
    int length = readCount(in);
    if (length == 0) {
      return null;
    }
    byte[] bytes = new byte[length - 1];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A day, or null. */
  public static void writeDate(DataOutputStream out, LocalDate value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      VarInt.encode(value.toEpochDay(), out);
    }
  }

  /** A day written by {@link #writeDate}, or null. */
  public static LocalDate readDate(DataInputStream in) throws IOException {
    return in.readBoolean() ? LocalDate.ofEpochDay(VarInt.decodeLong(in)) : null;
  }

  /** A boxed integer, or null. */
  public static void writeInteger(DataOutputStream out, Integer value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeInt(value);
    }
  }

  /** A boxed integer written by {@link #writeInteger}, or null. */
  public static Integer readInteger(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readInt() : null;
  }

  /** A boxed double, or null. */
  public static void writeDouble(DataOutputStream out, Double value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeDouble(value);
    }
  }

  /** A boxed double written by {@link #writeDouble(DataOutputStream, Double)}, or null. */
  public static Double readDouble(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readDouble() : null;
  }

  /** An enum constant, or null, by its ordinal (the coders are for one job's run, not storage). */
  public static void writeEnum(DataOutputStream out, Enum<?> value) throws IOException {
    VarInt.encode(value == null ? 0 : value.ordinal() + 1, out);
  }

  /** An enum constant written by {@link #writeEnum}, or null; {@code values} its type's values. */
  public static <E extends Enum<E>> E readEnum(DataInputStream in, E[] values) throws IOException {
    int code = readCount(in);
    if (code > values.length) {
      throw new CoderException("no constant " + (code - 1) + " among " + values.length);
    }
    return code == 0 ? null : values[code - 1];
  }

  /** An array of doubles, or null. */
  public static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    writeDoubles(out, values, values == null ? 0 : values.length);
  }

  /** The first {@code length} values of an array of doubles, or null. */
  public static void writeDoubles(DataOutputStream out, double[] values, int length)
      throws IOException {
    if (values == null) {
      VarInt.encode(0, out);
      return;
    }
    VarInt.encode(length + 1, out);
    ByteBuffer buffer = ByteBuffer.allocate(8 * length);
    for (int i = 0; i < length; i++) {
      buffer.putLong(Double.doubleToLongBits(values[i]));
    }
    out.write(buffer.array());
  }

  /** An array of doubles written by {@link #writeDoubles}, or null. */
  public static double[] readDoubles(DataInputStream in) throws IOException {
    int length = readCount(in);
    if (length == 0) {
      return null;
    }
    double[] values = new double[length - 1];
    byte[] bytes = new byte[8 * values.length];
    in.readFully(bytes);
    ByteBuffer.wrap(bytes).asDoubleBuffer().get(values);
    return values;
  }

  /** The first {@code length} values of an array of ints (not null). */
  public static void writeInts(DataOutputStream out, int[] values, int length) throws IOException {
    VarInt.encode(length, out);
    ByteBuffer buffer = ByteBuffer.allocate(4 * length);
    buffer.asIntBuffer().put(values, 0, length);
    out.write(buffer.array());
  }

  /** An array of ints written by {@link #writeInts}. */
  public static int[] readInts(DataInputStream in) throws IOException {
    int[] values = new int[readCount(in)];
    byte[] bytes = new byte[4 * values.length];
    in.readFully(bytes);
    ByteBuffer.wrap(bytes).asIntBuffer().get(values);
    return values;
  }

  /** The first {@code length} values of an array of bytes (not null). */
  public static void writeBytes(DataOutputStream out, byte[] values, int length)
      throws IOException {
    VarInt.encode(length, out);
    out.write(values, 0, length);
  }

  /** An array of bytes written by {@link #writeBytes}. */
  public static byte[] readBytes(DataInputStream in) throws IOException {
    byte[] values = new byte[readCount(in)];
    in.readFully(values);
    return values;
  }
}
