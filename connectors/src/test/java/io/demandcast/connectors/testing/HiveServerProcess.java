package io.demandcast.connectors.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real HiveServer2 (Apache Hive 4.0.1: embedded Derby metastore, local MapReduce, local
 * filesystem) in a child JVM on 127.0.0.1, for integration tests.
 *
 * <p>Plain Java on purpose: the server's Hive and Hadoop jars stay on the child's class path, never
 * on the tests' (the Hive JDBC standalone driver the tests use bundles unrelocated Hadoop classes
 * that must not meet Hive's own). The child runs the module {@code hive-test-server}: its classes
 * and the class path file {@value #CLASSPATH_FILE_NAME} its build writes, found through the
 * system property {@value #CLASSPATH_PROPERTY}, else as {@value #CLASSPATH_FILE} in the working
 * directory or one of its parents. No module depends on {@code hive-test-server} (the reactor
 * builds it first, being listed first), so building the job jar does not download Hive; {@code
 * mvn verify} builds it, or {@value #BUILD_COMMAND} alone.
 *
 * <pre>{@code
 * try (HiveServerProcess hive = HiveServerProcess.start(workDir)) {
 *   try (Connection c = DriverManager.getConnection(hive.jdbcUrl(), "test", "")) { ... }
 * }
 * }</pre>
 *
 * <p>The child's standard output and error go to {@code <workDir>/hiveserver2.log}; its metastore,
 * warehouse and scratch directories are under {@code workDir}. The child also stops by itself when
 * this JVM dies (it watches its standard input).
 */
public final class HiveServerProcess implements AutoCloseable {

  /** System property: the path of {@value #CLASSPATH_FILE_NAME}. */
  public static final String CLASSPATH_PROPERTY = "demandcast.hive.classpath";

  /**
   * System property: more JVM options for the child, separated by spaces (e.g. a debugger agent,
   * or {@code -Xmx2g}, which wins over {@link #HEAP}).
   */
  public static final String JVM_ARGS_PROPERTY = "demandcast.hive.jvmArgs";

  /** The name of the class path file hive-test-server's build writes into its target directory. */
  public static final String CLASSPATH_FILE_NAME = "hive-server.classpath";

  /** Where the class path file is, relative to the repository root. */
  public static final String CLASSPATH_FILE = "hive-test-server/target/" + CLASSPATH_FILE_NAME;

  /** The command that writes the class path file (from the repository root). */
  public static final String BUILD_COMMAND = "mvn -pl hive-test-server package";

  /** Java 17 flags Hive 4.0.1 and Hadoop 3.3 need: they reflect into these JDK packages. */
  public static final List<String> JVM_FLAGS =
      List.of(
          "--add-opens", "java.base/java.net=ALL-UNNAMED",
          "--add-opens", "java.base/java.lang=ALL-UNNAMED",
          "--add-opens", "java.base/java.util=ALL-UNNAMED",
          "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens", "java.base/java.nio=ALL-UNNAMED");

  /** The child's heap: the server, its metastore and local MapReduce tasks share it. */
  public static final String HEAP = "-Xmx1g";

  /** How long {@link #start} waits for the server to accept connections. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private static final String HOST = "127.0.0.1";
  // by name: HiveTestServerMain.class would load a class that links against Hive in this JVM
  private static final String MAIN_CLASS = "io.demandcast.hivetest.HiveTestServerMain";

  /** The line HiveTestServerMain prints when the server is up (its READY), then the port. */
  private static final String READY = "HIVESERVER2 READY";
  private static final String LOG_FILE = "hiveserver2.log";
  private static final String LOG4J2_CONFIG = "hive-test-server-log4j2.properties";
  private static final Pattern PORT_IN_USE = Pattern.compile("(?i)address already in use");
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final OutputStream stdin;
  private final int port;
  private final Path workDir;
  private final Path logFile;
  private final Duration startupTime;

  private HiveServerProcess(
      Process process, int port, Path workDir, Path logFile, Duration startupTime) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.port = port;
    this.workDir = workDir;
    this.logFile = logFile;
    this.startupTime = startupTime;
  }

  /** Whether the class path file can be found, that is whether {@link #start} can launch. */
  public static boolean available() {
    return classpathFile().isPresent();
  }

  /**
   * The class path file: the one {@value #CLASSPATH_PROPERTY} names (empty if that file does not
   * exist), else {@value #CLASSPATH_FILE} in the working directory or its nearest parent that has
   * it.
   */
  public static Optional<Path> classpathFile() {
    String property = System.getProperty(CLASSPATH_PROPERTY);
    if (property != null && !property.isBlank()) {
      Path file = Path.of(property).toAbsolutePath().normalize();
      return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve(CLASSPATH_FILE);
      if (Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /**
   * Starts a HiveServer2 on a free loopback port, with its state under {@code workDir} (created if
   * missing; use a fresh one per server), and waits until it accepts connections.
   *
   * @throws IllegalStateException if the class path file is missing, naming it and the command
   *     that builds it
   * @throws IOException if the child cannot be started, dies, or is not ready within {@link
   *     #START_TIMEOUT}; the message ends with the tail of its log
   */
  public static HiveServerProcess start(Path workDir) throws IOException {
    Path dir = Files.createDirectories(workDir.toAbsolutePath().normalize());
    String classpath = childClasspath(requireClasspathFile());
    Path logFile = dir.resolve(LOG_FILE);
    IOException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = freePort();
      try {
        return launch(dir, port, classpath, logFile);
      } catch (PortTakenException e) {
        // another process took the port between freePort() and the child's bind: try another
        last = e;
      }
    }
    throw last;
  }

  /** The port the server listens on (binary Thrift transport). */
  public int port() {
    return port;
  }

  /** The address the server listens on: {@code 127.0.0.1}. */
  public String host() {
    return HOST;
  }

  /** {@code jdbc:hive2://127.0.0.1:<port>/default}. */
  public String jdbcUrl() {
    return jdbcUrl("default");
  }

  /** {@code jdbc:hive2://127.0.0.1:<port>/<database>}. */
  public String jdbcUrl(String database) {
    return "jdbc:hive2://" + HOST + ":" + port + "/" + database;
  }

  /** The server's work directory (metastore, warehouse, scratch directories, log). */
  public Path workDir() {
    return workDir;
  }

  /** The child's standard output and error. */
  public Path logFile() {
    return logFile;
  }

  /** From launching the child JVM to the server accepting connections. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Whether the child JVM is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Stops the server and waits for the child JVM and anything it started to exit: first asks it
   * (end of its standard input: it stops HiveServer2 and exits), then SIGTERM, then SIGKILL.
   */
  @Override
  public void close() {
    List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
    try {
      stdin.close();
    } catch (IOException e) {
      // the child is gone already
    }
    if (!waitFor(process, Duration.ofSeconds(20))) {
      process.destroy();
      if (!waitFor(process, Duration.ofSeconds(10))) {
        process.destroyForcibly();
        waitFor(process, Duration.ofSeconds(10));
      }
    }
    for (ProcessHandle child : descendants) {
      if (child.isAlive()) {
        child.destroyForcibly();
        child.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
      }
    }
  }

  @Override
  public String toString() {
    return "HiveServer2 at " + jdbcUrl() + " (pid " + process.pid() + ", " + workDir + ")";
  }

  private static HiveServerProcess launch(Path dir, int port, String classpath, Path logFile)
      throws IOException {
    Path argFile = dir.resolve("hiveserver2.args");
    List<String> jvmArgs = new ArrayList<>(JVM_FLAGS);
    jvmArgs.add(HEAP);
    // the C1 compiler only: the server starts in ~4.5 s instead of ~7 s, and test-sized
    // statements run as fast (C2 pays off only on long jobs)
    jvmArgs.add("-XX:TieredStopAtLevel=1");
    jvmArgs.add("-Djava.net.preferIPv4Stack=true");
    jvmArgs.add("-Dlog4j2.configurationFile=" + LOG4J2_CONFIG);
    String extra = System.getProperty(JVM_ARGS_PROPERTY, "").trim();
    if (!extra.isEmpty()) {
      jvmArgs.addAll(List.of(extra.split("\\s+")));
    }
    // the class path is long (~300 jars): a java @argfile keeps it off the command line
    jvmArgs.add("-cp");
    jvmArgs.add(classpath);
    Files.write(
        argFile,
        jvmArgs.stream().map(HiveServerProcess::argFileQuote).collect(Collectors.toList()),
        StandardCharsets.UTF_8);

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("@" + argFile);
    command.add(MAIN_CLASS);
    command.add(Integer.toString(port));
    command.add(dir.toString());

    Files.deleteIfExists(logFile);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    // no HADOOP_* / HIVE_* settings of the developer's shell: the server is self-contained
    builder.environment().keySet().removeIf(k -> k.startsWith("HADOOP_") || k.startsWith("HIVE_"));

    long t0 = System.nanoTime();
    Process process = builder.start();
    HiveServerProcess server = null;
    try {
      String ready = READY + " " + port;
      long deadline = t0 + START_TIMEOUT.toNanos();
      while (true) {
        String log = readLog(logFile);
        if (log.contains(ready)) {
          server =
              new HiveServerProcess(
                  process, port, dir, logFile, Duration.ofNanos(System.nanoTime() - t0));
          return server;
        }
        if (!process.isAlive()) {
          String message =
              "HiveServer2 exited with status "
                  + process.exitValue()
                  + " before accepting connections on "
                  + HOST
                  + ":"
                  + port
                  + "; "
                  + tail(logFile);
          if (PORT_IN_USE.matcher(log).find()) {
            throw new PortTakenException(message);
          }
          throw new IOException(message);
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "HiveServer2 did not accept connections on "
                  + HOST
                  + ":"
                  + port
                  + " within "
                  + START_TIMEOUT.toSeconds()
                  + " s; "
                  + tail(logFile));
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for HiveServer2 to start", e);
    } finally {
      if (server == null) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitFor(process, Duration.ofSeconds(10));
      }
    }
  }

  private static Path requireClasspathFile() {
    return classpathFile()
        .orElseThrow(
            () -> {
              String property = System.getProperty(CLASSPATH_PROPERTY);
              String where =
                  property != null && !property.isBlank()
                      ? property + " (system property " + CLASSPATH_PROPERTY + ")"
                      : CLASSPATH_FILE
                          + " in "
                          + Path.of("").toAbsolutePath()
                          + " or its parents (or set system property "
                          + CLASSPATH_PROPERTY
                          + ")";
              return new IllegalStateException(
                  "no HiveServer2 class path file: "
                      + where
                      + " does not exist; build it from the repository root with `"
                      + BUILD_COMMAND
                      + "`");
            });
  }

  /**
   * hive-test-server's own classes (so the child finds HiveTestServerMain), next to the class path
   * file, followed by the dependencies the file lists.
   */
  private static String childClasspath(Path classpathFile) throws IOException {
    Set<String> entries = new LinkedHashSet<>();
    Path classesDir = classpathFile.resolveSibling("classes");
    if (Files.isDirectory(classesDir.resolve("io/demandcast/hivetest"))) {
      entries.add(classesDir.toString());
    }
    String listed = Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
    for (String entry : listed.split(Pattern.quote(File.pathSeparator))) {
      if (!entry.isBlank()) {
        entries.add(entry.trim());
      }
    }
    if (entries.size() < 10) {
      throw new IOException(
          classpathFile + " lists no HiveServer2 class path; rebuild it with `" + BUILD_COMMAND + "`");
    }
    return String.join(File.pathSeparator, entries);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /** One argument of a java @argfile: quoted, with backslashes and quotes escaped. */
  private static String argFileQuote(String arg) {
    return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String readLog(Path logFile) {
    try {
      return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tail(Path logFile) {
    String log = readLog(logFile);
    List<String> lines = log.lines().collect(Collectors.toList());
    int from = Math.max(0, lines.size() - 40);
    return "the last lines of "
        + logFile
        + ":\n"
        + String.join("\n", lines.subList(from, lines.size()));
  }

  private static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  private static final class PortTakenException extends IOException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String message) {
      super(message);
    }
  }
}
