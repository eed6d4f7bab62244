package io.demandcast.connectors.s3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * Copies S3 objects to local files, for {@code demandcast import}, whose DuckDB readers then read
 * them: the client is configured from Beam's AWS options as {@link S3Source}'s is ({@code
 * --awsRegion}, {@code --endpoint}, {@code --s3ClientFactoryClass}, {@code
 * --awsCredentialsProvider}; the AWS default provider chain otherwise).
 */
public final class S3Objects {
  private S3Objects() {}

  /**
   * Downloads the objects {@code uri} names: the object whose key equals its prefix, else every
   * object under the prefix as a folder ({@link S3Location}).
   *
   * @param options Beam pipeline options, for the S3 client
   * @param uri {@code s3://<bucket>/<key or prefix>}
   * @param dir the local directory the copies go to
   * @return each object's URI and its local copy, in key order
   * @throws IllegalArgumentException naming the URI when it holds no object
   * @throws IllegalStateException with the S3 error when S3 cannot be reached or refuses access
   */
  public static Map<String, Path> download(PipelineOptions options, String uri, Path dir) {
    S3Location location = S3Location.parse(uri);
    S3Format format = S3Format.fromName(location.prefix());
    try (S3Client client = S3TableCheck.client(options.as(S3Options.class))) {
      List<String> keys =
          S3TableCheck.list(client, location, format == null ? S3Format.CSV : format);
      Map<String, Path> copies = new LinkedHashMap<>();
      int n = 0;
      for (String key : keys) {
        Path copy = dir.resolve((n++) + "-" + key.substring(key.lastIndexOf('/') + 1));
        Files.deleteIfExists(copy);
        try {
          client.getObject(
              GetObjectRequest.builder().bucket(location.bucket()).key(key).build(), copy);
        } catch (SdkException e) {
          throw S3TableCheck.failure(location.objectUri(key), "read the object", e);
        }
        copies.put(location.objectUri(key), copy);
      }
      return copies;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
