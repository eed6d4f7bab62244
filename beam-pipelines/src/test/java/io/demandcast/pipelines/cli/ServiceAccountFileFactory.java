package io.demandcast.pipelines.cli;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.extensions.gcp.auth.CredentialFactory;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Beam's {@code --credentialFactoryClass} for tests: the Google credentials of the service-account
 * key file that system property {@value #PROPERTY} names, read as application-default credentials
 * read the file {@code GOOGLE_APPLICATION_CREDENTIALS} names (an environment variable, which a test
 * cannot set in-process).
 */
public final class ServiceAccountFileFactory implements CredentialFactory {
  /** The system property holding the key file's path. */
  public static final String PROPERTY = "demandcast.test.serviceAccountFile";

  private ServiceAccountFileFactory() {}

  /** What Beam's {@code InstanceBuilder} calls with the pipeline options. */
  public static ServiceAccountFileFactory fromOptions(PipelineOptions options) {
    return new ServiceAccountFileFactory();
  }

  @Override
  public Credentials getCredential() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of(System.getProperty(PROPERTY)))) {
      return GoogleCredentials.fromStream(in)
          .createScoped(List.of("https://www.googleapis.com/auth/bigquery"));
    }
  }
}
