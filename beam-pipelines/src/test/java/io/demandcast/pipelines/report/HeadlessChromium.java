package io.demandcast.pipelines.report;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page loaded in a real headless Chromium (Debian's {@code chromium} on the PATH), one browser
 * process per page, either driven by a test ({@link #session}, {@link BrowserSession}) or loaded
 * once as it is: the DOM after the page loaded and its scripts ran ({@code --dump-dom}), every
 * message the page wrote to the browser console ({@code --enable-logging=stderr}: uncaught
 * exceptions and {@code console.*} calls; Chromium logs them all at INFO, without the console
 * level), and a screenshot of the window.
 */
final class HeadlessChromium {
  /** What the tests tell a developer whose machine has no Chromium. */
  static final String INSTALL_HINT =
      "run scripts/install-test-tools.sh (as root; it installs Debian's chromium package)";

  /** Window (and screenshot) size, CSS pixels at device scale 1. */
  /**
   * The headless flags of every Chromium a test starts: no sandbox (root), no GPU, and none of its
   * background connections, which this machine's closed network refuses.
   */
  static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--hide-scrollbars",
          "--force-device-scale-factor=1");

  static final int WIDTH = 1280;

  static final int HEIGHT = 2000;

  private static final long TIMEOUT_SECONDS = 90;

  /** {@code [pid:tid:time:INFO:CONSOLE:12] "message", source: file:///... (12)}; older builds write CONSOLE(12). */
  private static final Pattern CONSOLE = Pattern.compile(":CONSOLE(?::\\d+|\\(\\d+\\))\\] (.*)$");

  private final Path executable;

  private HeadlessChromium(Path executable) {
    this.executable = executable;
  }

  /**
   * The page as Chromium left it.
   *
   * @param dom the serialized DOM after load
   * @param console the console messages, in order, each as Chromium logs it: {@code "text", source:
   *     URL (line)}
   * @param screenshot the PNG of the {@value #WIDTH} x {@value #HEIGHT} window
   */
  record Page(String dom, List<String> console, Path screenshot) {}

  /**
   * The Chromium on {@code path} (a PATH value), failing the test with how to install it when there
   * is none.
   */
  static HeadlessChromium require(String path) {
    Optional<Path> found = find(path);
    if (found.isEmpty()) {
      fail("chromium is not on the PATH (" + path + "): " + INSTALL_HINT);
    }
    return new HeadlessChromium(found.get());
  }

  /** The Chromium on this process's PATH; fails the test when there is none. */
  static HeadlessChromium require() {
    return require(System.getenv().getOrDefault("PATH", ""));
  }

  private static Optional<Path> find(String path) {
    for (String directory : path.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, "chromium");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * A new browser that a test drives through the DevTools protocol (clicks, typing, scripts,
   * screenshots), with a new profile under {@code work} and a {@code width} x {@code height}
   * window; close it when done.
   */
  BrowserSession session(Path work, int width, int height) throws Exception {
    return BrowserSession.start(executable, work, width, height);
  }

  /**
   * Loads {@code html} from its {@code file://} URL in a new browser with a new profile under
   * {@code work}, and writes the window's screenshot to {@code screenshot}.
   */
  Page load(Path html, Path screenshot, Path work) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "chromium-profile-");
    Path dom = work.resolve(profile.getFileName() + ".dom.html");
    Path log = work.resolve(profile.getFileName() + ".stderr.txt");
    Files.createDirectories(screenshot.toAbsolutePath().getParent());
    Files.deleteIfExists(screenshot);
    List<String> command =
        new ArrayList<>(List.of(executable.toString()));
    command.addAll(FLAGS);
    command.addAll(
        List.of(
            "--user-data-dir=" + profile.toAbsolutePath(),
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=" + WIDTH + "," + HEIGHT,
            "--screenshot=" + screenshot.toAbsolutePath(),
            "--dump-dom",
            html.toAbsolutePath().toUri().toString()));
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(dom.toFile())
            .redirectError(log.toFile())
            .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
    }
    String stderr = Files.readString(log, StandardCharsets.UTF_8);
    if (process.exitValue() != 0 || !Files.exists(screenshot)) {
      fail(
          "chromium exited with "
              + process.exitValue()
              + (Files.exists(screenshot) ? "" : " and wrote no screenshot")
              + "; its log:\n"
              + stderr);
    }
    List<String> console = new ArrayList<>();
    for (String line : stderr.split("\n")) {
      Matcher matcher = CONSOLE.matcher(line);
      if (matcher.find()) {
        console.add(matcher.group(1));
      }
    }
    return new Page(Files.readString(dom, StandardCharsets.UTF_8), List.copyOf(console), screenshot);
  }
}
