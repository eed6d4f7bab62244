package io.demandcast.connectors.s3;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a table's objects are in S3: a bucket and a key prefix, written {@code
 * s3://<bucket>/<prefix>}.
 *
 * <p>Which objects a location holds, as {@link S3Source} reads them: the object whose key equals
 * the prefix, if there is one; otherwise every object under {@code <prefix>/} (any depth), or the
 * whole bucket when the prefix is empty. A prefix ending in {@code /} names a folder only. Within
 * a folder, folder markers (keys ending in {@code /}), empty objects and objects whose name starts
 * with {@code _} or {@code .} (Hadoop and Spark's {@code _SUCCESS}, {@code .crc} files) are
 * skipped, as Hive, Spark and Athena skip them.
 *
 * @param bucket the bucket name: 3 to 63 lower-case letters, digits, dots and hyphens, starting
 *     and ending with a letter or digit
 * @param prefix the key prefix, as written (no percent-decoding); empty for the whole bucket; no
 *     leading {@code /}, no glob characters ({@code * ? [ ] { }})
 */
public record S3Location(String bucket, String prefix) implements Serializable {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern GLOB = Pattern.compile("[*?\\[\\]{}]");

  /**
   * @throws IllegalArgumentException naming the bad bucket or prefix and the rule it breaks
   */
  public S3Location {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw new IllegalArgumentException(
          "'" + bucket + "' is not an S3 bucket name: 3 to 63 lower-case letters, digits, dots"
              + " and hyphens, starting and ending with a letter or digit");
    }
    if (prefix.startsWith("/")) {
      throw new IllegalArgumentException(
          "S3 prefix '" + prefix + "' starts with '/'; write s3://" + bucket + "/"
              + prefix.replaceFirst("^/+", ""));
    }
    if (GLOB.matcher(prefix).find()) {
      throw new IllegalArgumentException(
          "S3 prefix '" + prefix + "' holds a glob character (* ? [ ] { }); name a prefix (a"
              + " folder or one object) instead: every object under it is read");
    }
    if (prefix.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("S3 prefix '" + prefix + "' holds control characters");
    }
  }

  /**
   * Parses {@code s3://<bucket>[/<prefix>]} (no query).
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static S3Location parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    if (!uri.startsWith("s3://")) {
      throw new IllegalArgumentException("'" + uri + "' is not an S3 location; expected"
          + " s3://<bucket>/<prefix>");
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + uri + "' names no bucket; expected s3://<bucket>/<prefix>");
    }
    return new S3Location(bucket, prefix);
  }

  /** The URI of an object of this bucket, {@code s3://<bucket>/<key>}. */
  public String objectUri(String key) {
    return "s3://" + bucket + "/" + key;
  }

  /** {@code s3://<bucket>/<prefix>}. */
  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix;
  }
}
