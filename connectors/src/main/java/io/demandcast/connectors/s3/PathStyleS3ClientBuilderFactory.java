package io.demandcast.connectors.s3;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * S3 clients that address buckets by path ({@code http://host:port/bucket/key}) instead of by
 * host name ({@code http://bucket.host:port/key}), for S3-compatible endpoints that need it (MinIO,
 * Ceph, S3Proxy, a loopback test server). Beam's S3 options have no switch for it; select this
 * factory with {@code --s3ClientFactoryClass=io.demandcast.connectors.s3.PathStyleS3ClientBuilderFactory},
 * next to {@code --endpoint=http://host:port}. Everything else (region, endpoint, credentials,
 * proxy, HTTP settings) is configured as Beam's default factory does from the same options.
 */
public final class PathStyleS3ClientBuilderFactory implements S3ClientBuilderFactory {
  /** This class's name, the value of {@code --s3ClientFactoryClass} that selects it. */
  public static final String NAME = "io.demandcast.connectors.s3.PathStyleS3ClientBuilderFactory";

  /** The option that selects this factory, ready to pass to a pipeline. */
  public static final String OPTION = "--s3ClientFactoryClass=" + NAME;

  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    return new DefaultS3ClientBuilderFactory().createBuilder(options).forcePathStyle(true);
  }
}
