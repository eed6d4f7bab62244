package io.demandcast.pipelines.coders;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * A coder that writes a value field by field with {@link Encoding}: the base of the coders of the
 * job's element types (named on each type with {@code @DefaultCoder}, so Beam's coder inference
 * finds them). Coders of enclosing types call {@link #write} and {@link #read} of their
 * components' coders directly.
 *
 * <p>Stateless: two coders of the same class are equal. Presumed non-deterministic, like any
 * {@link CustomCoder}, unless a subclass says otherwise.
 *
 * @param <T> the type coded
 */
public abstract class FieldCoder<T> extends CustomCoder<T> {
  private static final long serialVersionUID = 1L;

  /** Writes every field of {@code value}. */
  public abstract void write(DataOutputStream out, T value) throws IOException;

  /** Reads a value written by {@link #write}. */
  public abstract T read(DataInputStream in) throws IOException;

  @Override
  public final void encode(T value, OutputStream outStream) throws IOException {
    if (value == null) {
      throw new org.apache.beam.sdk.coders.CoderException(
          getClass().getName() + " cannot encode null");
    }
    write(Encoding.output(outStream), value); // DataOutputStream does not buffer: no flush
  }

  @Override
  public final T decode(InputStream inStream) throws IOException {
    return read(Encoding.input(inStream));
  }

  @Override
  public final boolean equals(Object other) {
    return other != null && other.getClass() == getClass();
  }

  @Override
  public final int hashCode() {
    return getClass().hashCode();
  }
}
