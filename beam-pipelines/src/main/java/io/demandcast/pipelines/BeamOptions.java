package io.demandcast.pipelines;

import io.demandcast.connectors.Redaction;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** The job's Beam pipeline options and pipeline, from its Beam arguments, with secrets kept out. */
public final class BeamOptions {
  private BeamOptions() {}

  /**
   * The job's pipeline options from its Beam arguments ({@code --name=value}), as {@link DemandcastJob#run} uses
   * them: validated, job name {@code demandcast} unless {@code --jobName} is given; for the DirectRunner, non-blocking and without
   * the immutability and encodability checks unless asked for. The runner's own checks (for
   * {@code --runner=DataflowRunner}: project, region, a gs:// temp location) run when the pipeline
   * is created, before the run is recorded.
   *
   * @throws IllegalArgumentException for an unknown option or runner, or a bad or missing value
   */
  public static PipelineOptions pipelineOptions(List<String> beamArgs) {
    PipelineOptions options;
    try {
      options =
          PipelineOptionsFactory.fromArgs(beamArgs.toArray(String[]::new)).withValidation().create();
    } catch (RuntimeException e) {
      throw withoutSecrets(e, beamArgs);
    }
    if (beamArgs.stream().noneMatch(a -> a.startsWith("--jobName="))) {
      // Dataflow refuses a second active job of the same name: --jobName=... to run two at once
      options.setJobName("demandcast");
    }
    if (options.getRunner() == DirectRunner.class) {
      DirectOptions direct = options.as(DirectOptions.class);
      // run() returns at once so that progress can be reported while the pipeline runs
      direct.setBlockOnRun(false);
      // The DirectRunner's immutability and encodability checks re-encode every element and walk
      // the whole pipeline for every bundle; they are for testing DoFns (the tests keep them on).
      // A user can turn them back on with --enforceImmutability=true --enforceEncodability=true.
      if (beamArgs.stream().noneMatch(a -> a.startsWith("--enforceImmutability"))) {
        direct.setEnforceImmutability(false);
      }
      if (beamArgs.stream().noneMatch(a -> a.startsWith("--enforceEncodability"))) {
        direct.setEnforceEncodability(false);
      }
    }
    return options;
  }

  /**
   * {@code e} from parsing the pipeline options, or, when its message or a cause's holds the value
   * of a secret option (Beam echoes a malformed {@code --awsCredentialsProvider} JSON, keys and
   * all: "Unable to parse JSON value {...}"), an IllegalArgumentException whose message and causes
   * are redacted copies ({@link Redaction#scrub}): the original, which carries the value, is
   * dropped.
   */
  public static RuntimeException withoutSecrets(RuntimeException e, List<String> beamArgs) {
    List<String> secrets = Redaction.secretOptionValues(beamArgs);
    boolean carries = false;
    for (Throwable t = e; t != null && !carries; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      carries = m != null && !Redaction.redact(m, secrets).equals(m);
    }
    if (!carries) {
      return e;
    }
    StringBuilder message = new StringBuilder(Redaction.redact(String.valueOf(e.getMessage()),
        secrets));
    for (String arg : beamArgs) {
      if (arg.startsWith("--awsCredentialsProvider=")) {
        message.append("; check --awsCredentialsProvider (value not shown): a JSON object such as"
            + " {\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"...\","
            + "\"secretAccessKey\":\"...\"} or {\"@type\":\"DefaultCredentialsProvider\"}");
      }
    }
    return new IllegalArgumentException(message.toString(),
        Redaction.scrub(e.getCause() == e ? null : e.getCause(), secrets));
  }

  /**
   * {@link Pipeline#create}, which creates the runner and so runs its checks of the options (for
   * the DataflowRunner: project, region, gs:// temp and staging locations).
   *
   * @throws IllegalArgumentException when the runner rejects the options; the message carries its
   *     causes' messages, where Beam names the option at fault (a non-gs:// {@code --tempLocation}
   *     surfaces as "DataflowRunner requires gcpTempLocation, ..." with the reason below it)
   */
  public static Pipeline createPipeline(PipelineOptions options) {
    try {
      return Pipeline.create(options);
    } catch (IllegalArgumentException e) {
      if (e.getCause() == null) {
        throw e;
      }
      StringBuilder message = new StringBuilder();
      for (Throwable t = e; t != null; t = t.getCause()) {
        String m = t.getMessage() == null ? "" : t.getMessage().strip();
        if (!m.isEmpty() && message.indexOf(m) < 0) {
          message.append(message.length() == 0 ? "" : ": ").append(m);
        }
      }
      throw new IllegalArgumentException(message.toString(), e);
    }
  }
}
