package io.demandcast.connectors.s3;

import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;
import org.apache.beam.sdk.io.aws2.options.S3Options;

/**
 * Registers Beam's {@link S3Options}, so that its options ({@code --s3ClientFactoryClass}, {@code
 * --SSEAlgorithm}, ...) can be given on a command line: Beam's AWS module registers only {@code
 * AwsOptions} ({@code --awsRegion}, {@code --endpoint}, {@code --awsCredentialsProvider}). Found
 * through {@code META-INF/services}.
 */
public final class S3OptionsRegistrar implements PipelineOptionsRegistrar {
  @Override
  public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
    return List.of(S3Options.class);
  }
}
