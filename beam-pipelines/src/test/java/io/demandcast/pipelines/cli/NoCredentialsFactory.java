package io.demandcast.pipelines.cli;

import com.google.auth.Credentials;
import com.google.cloud.NoCredentials;
import org.apache.beam.sdk.extensions.gcp.auth.CredentialFactory;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Beam's {@code --credentialFactoryClass} for tests against a local stand-in of a Google API: no
 * credentials at all ({@link NoCredentials}), so that neither the machine's application-default
 * credentials nor a token request to Google are involved.
 */
public final class NoCredentialsFactory implements CredentialFactory {
  private NoCredentialsFactory() {}

  /** What Beam's {@code InstanceBuilder} calls with the pipeline options. */
  public static NoCredentialsFactory fromOptions(PipelineOptions options) {
    return new NoCredentialsFactory();
  }

  @Override
  public Credentials getCredential() {
    return NoCredentials.getInstance();
  }
}
