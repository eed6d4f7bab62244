package io.demandcast.connectors.hive;

import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/** Registers {@link HiveOptions} with Beam; found through {@code META-INF/services}. */
public final class HiveOptionsRegistrar implements PipelineOptionsRegistrar {
  @Override
  public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
    return List.of(HiveOptions.class);
  }
}
