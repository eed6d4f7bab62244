package io.demandcast.connectors;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The source connectors of a run, by URI scheme: what the job and {@code check} read tables
 * with. {@link #loaded()} finds those on the class path ({@link ServiceLoader}, {@code
 * META-INF/services/io.demandcast.connectors.SourceConnector}); {@link #with} replaces one, e.g.
 * a BigQuery connector with test services. Immutable.
 */
public final class Connectors {
  private final Map<String, SourceConnector> byScheme;

  private Connectors(Map<String, SourceConnector> byScheme) {
    this.byScheme = Collections.unmodifiableMap(new TreeMap<>(byScheme));
  }

  /**
   * The connectors registered on the class path of this class's loader.
   *
   * @throws IllegalStateException when two registered connectors claim the same scheme
   */
  public static Connectors loaded() {
    return loaded(Connectors.class.getClassLoader());
  }

  /** The connectors registered on {@code loader}'s class path. */
  public static Connectors loaded(ClassLoader loader) {
    Map<String, SourceConnector> found = new TreeMap<>();
    for (SourceConnector connector : ServiceLoader.load(SourceConnector.class, loader)) {
      SourceConnector before = found.putIfAbsent(connector.scheme(), connector);
      if (before != null && before.getClass() != connector.getClass()) {
        throw new IllegalStateException("two connectors claim the scheme " + connector.scheme()
            + ": " + before.getClass().getName() + " and " + connector.getClass().getName());
      }
    }
    return new Connectors(found);
  }

  /** Exactly these connectors. */
  public static Connectors of(SourceConnector... connectors) {
    Connectors registry = new Connectors(Map.of());
    for (SourceConnector connector : connectors) {
      registry = registry.with(connector);
    }
    return registry;
  }

  /** These connectors with {@code connector} added, or in place of the one of its scheme. */
  public Connectors with(SourceConnector connector) {
    Objects.requireNonNull(connector, "connector");
    Map<String, SourceConnector> next = new TreeMap<>(byScheme);
    next.put(Objects.requireNonNull(connector.scheme(), "scheme"), connector);
    return new Connectors(next);
  }

  /** The schemes known, in alphabetical order. */
  public Set<String> schemes() {
    return byScheme.keySet();
  }

  /**
   * The connector of {@code scheme}.
   *
   * @throws IllegalArgumentException naming the scheme and the known ones
   */
  public SourceConnector forScheme(String scheme) {
    SourceConnector connector = byScheme.get(scheme);
    if (connector == null) {
      throw new IllegalArgumentException(
          "no connector reads " + scheme + " tables; the known schemes are " + schemes());
    }
    return connector;
  }

  /** The connector of {@code uri}'s scheme. */
  public SourceConnector forTable(TableUri uri) {
    return forScheme(uri.scheme());
  }

  /**
   * Parses a table URI with the connector of its scheme ({@link SourceConnector#parse}).
   *
   * @throws IllegalArgumentException when no connector reads the scheme, or the URI is not of its
   *     connector's form
   */
  public TableUri parse(String uri) {
    return forUri(uri).parse(uri);
  }

  /**
   * The connector of a URI's scheme, the part before its first {@code :}.
   *
   * @throws IllegalArgumentException when the URI has no scheme or no connector reads it
   */
  public SourceConnector forUri(String uri) {
    int colon = uri.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "'" + uri + "' has no scheme; the known schemes are " + schemes());
    }
    return forScheme(uri.substring(0, colon));
  }

  /** The forms of the warehouses that can hold a run's outputs, in scheme order. */
  public List<String> warehouseForms() {
    return byScheme.values().stream().flatMap(c -> c.warehouseForm().stream()).toList();
  }

  /**
   * The connector of the output warehouse {@code base}, having checked the URI ({@link
   * SourceConnector#tableIn}).
   *
   * @throws IllegalArgumentException when no connector of the URI's scheme can hold outputs, or
   *     the URI is not of its form; the message names the forms accepted
   */
  public SourceConnector forWarehouse(String base) {
    SourceConnector connector;
    try {
      connector = forUri(base);
    } catch (IllegalArgumentException e) {
      connector = null;
    }
    if (connector == null || connector.warehouseForm().isEmpty()) {
      throw new IllegalArgumentException(base + ": outputs go to a warehouse of the form "
          + String.join(" or ", warehouseForms()));
    }
    connector.tableIn(base, "t"); // checks the URI
    return connector;
  }

  @Override
  public String toString() {
    return "Connectors" + byScheme;
  }
}
