package io.demandcast.connectors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text that is printed, logged or stored: every message demandcast shows on
 * standard error or writes to a table ({@code model_runs.message}) goes through {@link
 * #redact(String)}.
 *
 * <p>What is redacted, the value replaced by {@value #MASK} and the key kept, so that the reader
 * still knows which setting was wrong:
 *
 * <ul>
 *   <li>the value of a secret-looking key ({@link #isSecretKey}: password, passwd, passphrase,
 *       pwd, secret, token, credential, signature, authorization, and names ending in {@code key}
 *       such as accessKey, secretAccessKey, apiKey, private_key) in the forms {@code key=value},
 *       {@code key: value}, {@code "key": "value"} (also single-quoted, with escaped quotes, and
 *       unterminated as in a malformed JSON document), and in URLs ({@code ;key=value}, {@code
 *       ?key=value&}); an unquoted value runs to white space, {@code ;}, {@code &} or a quote;
 *   <li>the user-info part of a URL: {@code scheme://user:pass@host} becomes {@code
 *       scheme://***@host};
 *   <li>{@code Bearer <token>}, and whatever follows {@code Authorization:};
 *   <li>the body of a PEM private key block.
 * </ul>
 *
 * <p>Host names, ports, table names, file paths and other keys' values are kept. Redaction errs on
 * the side of hiding: a value it cannot delimit (an unterminated quoted value) is hidden to the end
 * of its line.
 */
public final class Redaction {
  /** What a secret value is replaced with. */
  public static final String MASK = "***";

  private Redaction() {}

  /** A key, quoted or not, its separator, and its value, quoted (maybe unterminated) or not. */
  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "(?:(?<q1>\\\\?[\"'])(?<qname>[A-Za-z_][\\w.\\-]*)\\k<q1>"
              + "|(?<![\\w.\\-])(?<name>[A-Za-z_][\\w.\\-]*))"
              + "\\s*[=:]\\s*"
              + "(?:(?<q2>\\\\?[\"'])(?<qvalue>(?:(?!\\k<q2>)[^\\r\\n])*)"
              + "|(?<value>[^\\s;&\"'][^\\s;&\"']*))");

  /** {@code scheme://user-info@}. */
  private static final Pattern USER_INFO =
      Pattern.compile("(?<![\\w+.\\-])([A-Za-z][A-Za-z0-9+.\\-]*://)([^\\s/?#@\"'<>]+)@");

  /** {@code Authorization: <scheme> <credentials>}, or a bare bearer token. */
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "(?i)(\\bauthorization[\"']?\\s*[:=]\\s*[\"']?)"
              + "(?:(?:bearer|basic|digest|negotiate|aws4-hmac-sha256)\\s+)?[^\\s\"',;]+"
              + "|\\b(bearer\\s+)[A-Za-z0-9._~+/\\-]+=*");

  /** A PEM private key block, to its end or to the end of the text. */
  private static final Pattern PEM_PRIVATE_KEY =
      Pattern.compile(
          "(-----BEGIN [A-Z ]*PRIVATE KEY-----).*?(-----END [A-Z ]*PRIVATE KEY-----|$)",
          Pattern.DOTALL);

  /** Trailing punctuation an unquoted value gives back: it most likely ends the sentence. */
  private static final Pattern TRAILING = Pattern.compile("[,.:)\\]}>]+$");

  /**
   * {@code text} with its secrets replaced by {@value #MASK}; null for null, and text without
   * secrets unchanged.
   */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = PEM_PRIVATE_KEY.matcher(text).replaceAll("$1" + MASK + "$2");
    s = redactAuthorization(s);
    s = USER_INFO.matcher(s).replaceAll(m ->
        m.group(2).equals(MASK) ? Matcher.quoteReplacement(m.group())
            : Matcher.quoteReplacement(m.group(1) + MASK + "@"));
    return redactKeyValues(s);
  }

  /**
   * {@link #redact(String)}, after replacing each of {@code literals} (values known to be secret,
   * such as the value of a credentials option, which may not look like {@code key=value} when
   * malformed) by {@value #MASK}; blank literals are ignored.
   */
  public static String redact(String text, Collection<String> literals) {
    if (text == null) {
      return null;
    }
    String s = text;
    for (String literal : literals) {
      if (literal != null && !literal.isBlank()) {
        s = s.replace(literal, MASK);
      }
    }
    return redact(s);
  }

  /**
   * The values of the secret-looking options among command-line arguments: of each {@code
   * --name=value} whose name {@link #isSecretKey} (e.g. Beam's {@code --awsCredentialsProvider}),
   * the value, to hide with {@link #redact(String, Collection)} even where it is malformed.
   */
  public static List<String> secretOptionValues(Collection<String> args) {
    List<String> values = new java.util.ArrayList<>();
    for (String arg : args) {
      int eq = arg == null ? -1 : arg.indexOf('=');
      if (arg != null && arg.startsWith("--") && eq > 2 && isSecretKey(arg.substring(2, eq))
          && eq + 1 < arg.length()) {
        values.add(arg.substring(eq + 1));
      }
    }
    return values;
  }

  /** {@code e}'s message, redacted; its class name when it has none. */
  public static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getName() : redact(m);
  }

  /** {@code e}'s stack trace with its causes, as {@link Throwable#printStackTrace} prints, redacted. */
  public static String stackTrace(Throwable e) {
    StringWriter trace = new StringWriter();
    try (PrintWriter w = new PrintWriter(trace)) {
      e.printStackTrace(w);
    }
    return redact(trace.toString());
  }

  /**
   * A copy of {@code e}'s chain whose messages are redacted, for a cause that must not carry a
   * secret: each throwable becomes a {@link Redacted} naming the original class, with the original
   * stack trace; null for null.
   */
  public static Redacted scrub(Throwable e) {
    return scrub(e, List.of());
  }

  /** {@link #scrub(Throwable)}, hiding {@code literals} too as {@link #redact(String, Collection)}. */
  public static Redacted scrub(Throwable e, Collection<String> literals) {
    if (e == null) {
      return null;
    }
    Redacted copy = new Redacted(e.getClass().getName(), redact(e.getMessage(), literals),
        scrub(e.getCause() == e ? null : e.getCause(), literals));
    copy.setStackTrace(e.getStackTrace());
    for (Throwable suppressed : e.getSuppressed()) {
      copy.addSuppressed(scrub(suppressed, literals));
    }
    return copy;
  }

  /**
   * Whether a key names a secret: it holds password, passwd, passphrase, secret, token, credential,
   * signature, authorization, apikey, accesskey or privatekey, or ends in key or pwd, or is pass
   * (case, {@code _}, {@code -} and {@code .} ignored: {@code trustStorePassword}, {@code
   * secretAccessKey}, {@code private_key}, {@code X-Amz-Security-Token}).
   */
  public static boolean isSecretKey(String key) {
    String n = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    for (String word : new String[] {"password", "passwd", "passphrase", "secret", "token",
        "credential", "signature", "authorization", "apikey", "accesskey", "privatekey"}) {
      if (n.contains(word)) {
        return true;
      }
    }
    return n.endsWith("key") || n.endsWith("pwd") || n.equals("pass")
        || key.toLowerCase(Locale.ROOT).matches(".*[._\\-]pass");
  }

  private static String redactAuthorization(String s) {
    Matcher m = AUTHORIZATION.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String prefix = m.group(1) != null ? m.group(1) : m.group(2);
      m.appendReplacement(out, Matcher.quoteReplacement(prefix + MASK));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String redactKeyValues(String s) {
    Matcher m = KEY_VALUE.matcher(s);
    StringBuilder out = new StringBuilder();
    int copied = 0;
    int from = 0;
    while (from < s.length() && m.find(from)) {
      String name = m.group("qname") != null ? m.group("qname") : m.group("name");
      String valueGroup = m.group("qvalue") != null ? "qvalue" : "value";
      int start = m.start(valueGroup);
      int end = m.end(valueGroup);
      if (valueGroup.equals("value")) {
        Matcher trailing = TRAILING.matcher(m.group(valueGroup));
        if (trailing.find()) {
          end -= trailing.group().length();
        }
      }
      if (!isSecretKey(name) || start == end || s.substring(start, end).equals(MASK)) {
        // not a secret: look for one inside the value too (hiveconf:x.password=...)
        from = m.end(m.group("qname") != null ? "qname" : "name");
        continue;
      }
      out.append(s, copied, start).append(MASK);
      copied = end;
      from = end;
    }
    out.append(s, copied, s.length());
    return out.toString();
  }

  /**
   * A throwable standing in for another whose message held a secret: the original class name and
   * the redacted message, the original stack trace.
   */
  public static final class Redacted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String originalClass;

    Redacted(String originalClass, String message, Throwable cause) {
      super(message, cause);
      this.originalClass = originalClass;
    }

    /** The class of the throwable this one stands in for. */
    public String originalClass() {
      return originalClass;
    }

    @Override
    public String toString() {
      String m = getLocalizedMessage();
      return m == null ? originalClass : originalClass + ": " + m;
    }
  }
}
