package io.demandcast.connectors.testing;

import io.demandcast.connectors.s3.PathStyleS3ClientBuilderFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 endpoint in the test's JVM: S3Proxy over an in-memory jclouds blob store, on loopback,
 * on a free port, checking AWS signatures (V2 or V4) against a fixed test key pair. Start it once
 * per test class and close it after.
 */
public final class LocalS3 implements AutoCloseable {
  /** The test key pair S3Proxy accepts. Not a real credential. */
  public static final String ACCESS_KEY = "local-test-access-key";

  public static final String SECRET_KEY = "local-test-secret-key-not-a-real-one";

  /** The region the clients sign for (S3Proxy accepts any). */
  public static final String REGION = "us-east-1";

  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final URI endpoint;
  private final S3Client client;

  private LocalS3(S3Proxy proxy, BlobStoreContext context, URI endpoint) {
    this.proxy = proxy;
    this.context = context;
    this.endpoint = endpoint;
    this.client =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(REGION))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .build();
  }

  /** Starts a server with an empty blob store. */
  public static LocalS3 start() throws Exception {
    BlobStoreContext context =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .build(BlobStoreContext.class);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            // Beam's S3 filesystem sends an SSE bucket-key header S3Proxy does not know
            .ignoreUnknownHeaders(true)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start within 10 s: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    return new LocalS3(proxy, context, URI.create("http://127.0.0.1:" + proxy.getPort()));
  }

  /** The endpoint, {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return endpoint;
  }

  /** A path-style client with the test key pair. */
  public S3Client client() {
    return client;
  }

  /** Creates a bucket. */
  public void createBucket(String bucket) {
    client.createBucket(b -> b.bucket(bucket));
  }

  /** Writes an object with UTF-8 text. */
  public void put(String bucket, String key, String text) {
    put(bucket, key, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes an object. */
  public void put(String bucket, String key, byte[] bytes) {
    client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
  }

  /**
   * The Beam pipeline options that point Beam's S3 filesystem and demandcast's S3 check at this
   * server: region, endpoint, path-style client factory and the test key pair.
   */
  public List<String> pipelineArgs() {
    return List.of(
        "--awsRegion=" + REGION,
        "--endpoint=" + endpoint,
        PathStyleS3ClientBuilderFactory.OPTION,
        "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\""
            + ACCESS_KEY + "\",\"secretAccessKey\":\"" + SECRET_KEY + "\"}");
  }

  /** {@link #pipelineArgs()} as options (DirectRunner). */
  public PipelineOptions pipelineOptions() {
    return PipelineOptionsFactory.fromArgs(pipelineArgs().toArray(String[]::new))
        .withValidation()
        .create();
  }

  @Override
  public void close() {
    client.close();
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not stop: " + e.getMessage(), e);
    } finally {
      context.close();
    }
  }
}
