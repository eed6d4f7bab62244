package io.demandcast.connectors.glue;

import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/** Registers {@link GlueOptions} with Beam; found through {@code META-INF/services}. */
public final class GlueOptionsRegistrar implements PipelineOptionsRegistrar {
  @Override
  public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
    return List.of(GlueOptions.class);
  }
}
