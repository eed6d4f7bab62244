package io.demandcast.pipelines.report;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page in a real headless Chromium that a test drives as a person would: it clicks (mouse events
 * at an element's place on the screen), types (key events), waits for what the page shows, reads
 * the page with JavaScript and takes screenshots. Speaks the Chrome DevTools Protocol over the
 * browser's WebSocket on the loopback interface (the JDK's own WebSocket client), and records every
 * console message, uncaught exception, browser log entry and network request of the page.
 */
final class BrowserSession implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final WebSocket socket;
  private final String sessionId;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> console = Collections.synchronizedList(new ArrayList<>());
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private volatile CountDownLatch loaded = new CountDownLatch(1);

  private BrowserSession(Process process, String browserUrl, int width, int height)
      throws Exception {
    this.process = process;
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(TIMEOUT)
            .buildAsync(URI.create(browserUrl), new Listener())
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    String targetId =
        call(null, "Target.createTarget", params().put("url", "about:blank"))
            .path("targetId")
            .asText();
    this.sessionId =
        call(null, "Target.attachToTarget", params().put("targetId", targetId).put("flatten", true))
            .path("sessionId")
            .asText();
    send("Runtime.enable", params());
    send("Log.enable", params());
    send("Page.enable", params());
    send("Network.enable", params());
    send(
        "Emulation.setDeviceMetricsOverride",
        params()
            .put("width", width)
            .put("height", height)
            .put("deviceScaleFactor", 1)
            .put("mobile", false));
  }

  /**
   * Starts {@code chromium} (a new profile under {@code work}) with a {@code width} x {@code height}
   * window, its DevTools on a free loopback port; its log goes to {@code work}.
   */
  static BrowserSession start(Path chromium, Path work, int width, int height) throws Exception {
    Path profile = Files.createTempDirectory(work, "chromium-cdp-");
    Path log = work.resolve(profile.getFileName() + ".stderr.txt");
    List<String> command = new ArrayList<>(List.of(chromium.toString()));
    command.addAll(HeadlessChromium.FLAGS);
    command.addAll(
        List.of(
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            "--user-data-dir=" + profile.toAbsolutePath(),
            "--window-size=" + width + "," + height,
            "about:blank"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                  out.write(line + "\n");
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    url.complete(m.group(1));
                  }
                }
              } catch (IOException e) {
                url.completeExceptionally(e);
              }
              url.completeExceptionally(new IOException("chromium ended; its log: " + log));
            },
            "chromium-log");
    reader.setDaemon(true);
    reader.start();
    try {
      return new BrowserSession(
          process, url.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), width, height);
    } catch (Exception e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw e;
    }
  }

  /** Loads {@code page} and waits for its load event. */
  void navigate(URI page) throws Exception {
    loaded = new CountDownLatch(1);
    JsonNode result = send("Page.navigate", params().put("url", page.toString()));
    if (result.hasNonNull("errorText")) {
      fail("cannot load " + page + ": " + result.get("errorText").asText());
    }
    if (!loaded.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      fail(page + " did not finish loading within " + TIMEOUT);
    }
  }

  /**
   * The value of a JavaScript expression in the page (awaited when it is a promise), as JSON.
   *
   * @throws AssertionError when it throws
   */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode result =
        send(
            "Runtime.evaluate",
            params()
                .put("expression", expression)
                .put("returnByValue", true)
                .put("awaitPromise", true));
    if (result.has("exceptionDetails")) {
      fail("the page threw on " + expression + ": " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Waits until {@code condition} (a JavaScript expression) is true, failing after a minute. */
  void waitFor(String condition) throws Exception {
    long end = System.nanoTime() + TIMEOUT.toNanos();
    while (!evaluate("Boolean(" + condition + ")").asBoolean()) {
      if (System.nanoTime() > end) {
        fail("the page never showed " + condition);
      }
      Thread.sleep(50);
    }
  }

  /**
   * Clicks the middle of the first element matching {@code selector} with the mouse, after
   * scrolling it into view.
   *
   * @throws AssertionError when no visible element matches
   */
  void click(String selector) throws Exception {
    JsonNode point =
        evaluate(
            "(() => { const e = document.querySelector("
                + JSON.writeValueAsString(selector)
                + "); if (!e) return null; e.scrollIntoView({block: 'center', inline: 'nearest'});"
                + " const r = e.getBoundingClientRect();"
                + " return r.width > 0 && r.height > 0 ? [r.left + r.width / 2, r.top + r.height / 2]"
                + " : null; })()");
    if (!point.isArray()) {
      fail("nothing visible to click at " + selector);
    }
    clickAt(point.get(0).asDouble(), point.get(1).asDouble());
  }

  /** A left click at a point of the window (CSS pixels). */
  void clickAt(double x, double y) throws Exception {
    send("Input.dispatchMouseEvent", mouse("mouseMoved", x, y));
    send("Input.dispatchMouseEvent", mouse("mousePressed", x, y).put("clickCount", 1));
    send("Input.dispatchMouseEvent", mouse("mouseReleased", x, y).put("clickCount", 1));
  }

  /** Types {@code text} into the focused element, one key press per character. */
  void type(String text) throws Exception {
    for (int i = 0; i < text.length(); i++) {
      String key = String.valueOf(text.charAt(i));
      send("Input.dispatchKeyEvent", params().put("type", "keyDown").put("key", key).put("text", key));
      send("Input.dispatchKeyEvent", params().put("type", "keyUp").put("key", key));
    }
  }

  /** Writes a PNG of the window (the viewport as it is scrolled) to {@code file}. */
  void screenshot(Path file) throws Exception {
    JsonNode shot = send("Page.captureScreenshot", params().put("format", "png"));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
  }

  /**
   * Every console message, uncaught exception and browser log entry of the page so far, each as
   * "kind: text (where)".
   */
  List<String> console() {
    synchronized (console) {
      return List.copyOf(console);
    }
  }

  /** The URL of every request the page made so far. */
  List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      call(null, "Browser.close", params());
    } catch (Exception | AssertionError e) {
      // the browser may close the socket before it answers
    }
    socket.abort();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private JsonNode send(String method, ObjectNode params) throws Exception {
    return call(sessionId, method, params);
  }

  private JsonNode call(String session, String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    if (session != null) {
      message.put("sessionId", session);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    synchronized (socket) {
      socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
    JsonNode response;
    try {
      response = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("chromium did not answer " + method + " within " + TIMEOUT, e);
    } finally {
      pending.remove(id);
    }
    if (response.has("error")) {
      fail(method + " failed: " + response.get("error"));
    }
    return response.path("result");
  }

  private static ObjectNode params() {
    return JSON.createObjectNode();
  }

  private static ObjectNode mouse(String type, double x, double y) {
    return params().put("type", type).put("x", x).put("y", y).put("button", "left");
  }

  private void event(JsonNode message) {
    JsonNode params = message.path("params");
    switch (message.path("method").asText()) {
      case "Page.loadEventFired" -> loaded.countDown();
      case "Runtime.consoleAPICalled" -> {
        StringBuilder text = new StringBuilder(params.path("type").asText()).append(':');
        for (JsonNode arg : params.path("args")) {
          text.append(' ')
              .append(arg.has("value") ? arg.get("value").asText() : arg.path("description").asText());
        }
        JsonNode frame = params.path("stackTrace").path("callFrames").path(0);
        console.add(text + " (" + frame.path("url").asText() + ":" + frame.path("lineNumber").asInt() + ")");
      }
      case "Runtime.exceptionThrown" -> {
        JsonNode details = params.path("exceptionDetails");
        console.add(
            "exception: "
                + details.path("text").asText()
                + " "
                + details.path("exception").path("description").asText()
                + " ("
                + details.path("url").asText()
                + ":"
                + details.path("lineNumber").asInt()
                + ")");
      }
      case "Log.entryAdded" -> {
        JsonNode entry = params.path("entry");
        console.add(
            "log "
                + entry.path("level").asText()
                + ": "
                + entry.path("text").asText()
                + " ("
                + entry.path("url").asText()
                + ")");
      }
      case "Network.requestWillBeSent" -> requests.add(params.path("request").path("url").asText());
      default -> {}
    }
  }

  /** Assembles the socket's text messages and hands each to its caller or to {@link #event}. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          JsonNode message = JSON.readTree(text);
          if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
            if (answer != null) {
              answer.complete(message);
            }
          } else {
            event(message);
          }
        } catch (IOException e) {
          console.add("harness: unreadable DevTools message " + e);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
