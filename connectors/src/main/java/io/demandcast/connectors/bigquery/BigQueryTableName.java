package io.demandcast.connectors.bigquery;

import com.google.api.services.bigquery.model.TableReference;
import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A BigQuery table as a URI: {@code bigquery://<project>/<dataset>.<table>}, e.g. {@code
 * bigquery://acme-prod/erp.sales}.
 *
 * @param project the Google Cloud project id (6 to 30 characters: lower-case letters, digits,
 *     hyphens; a domain-scoped id such as {@code example.com:proj} is accepted too)
 * @param dataset the dataset id: letters, digits and underscores, at most 1024 characters
 * @param table the table id: letters, digits and underscores (BigQuery allows more; this build
 *     does not)
 */
public record BigQueryTableName(String project, String dataset, String table)
    implements Serializable {
  /** The URI scheme. */
  public static final String SCHEME = "bigquery";

  private static final String FORM = "bigquery://<project>/<dataset>.<table>";
  /** A project id; shared with {@link BigQueryDatasetName}. */
  static final Pattern PROJECT = Pattern.compile("([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]");
  /** A dataset or table id as this build accepts it; shared with {@link BigQueryDatasetName}. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,1024}");

  public BigQueryTableName {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(table, "table");
  }

  /**
   * Parses {@code bigquery://<project>/<dataset>.<table>}.
   *
   * @throws IllegalArgumentException naming the URI, the bad part and the expected form
   */
  public static BigQueryTableName parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    String prefix = SCHEME + "://";
    if (!uri.startsWith(prefix)) {
      throw new IllegalArgumentException("'" + uri + "' is not a BigQuery URI; expected " + FORM);
    }
    String rest = uri.substring(prefix.length());
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      throw new IllegalArgumentException(
          "'" + uri + "' names no project; expected " + FORM + ", e.g. bigquery://acme-prod/erp.sales");
    }
    String project = rest.substring(0, slash);
    String path = rest.substring(slash + 1);
    int dot = path.indexOf('.');
    if (dot <= 0 || dot == path.length() - 1 || path.indexOf('.', dot + 1) >= 0) {
      throw new IllegalArgumentException(
          "'" + uri + "' must name one dataset and one table as <dataset>.<table>; expected " + FORM);
    }
    String dataset = path.substring(0, dot);
    String table = path.substring(dot + 1);
    if (!PROJECT.matcher(project).matches()) {
      throw new IllegalArgumentException(
          "'" + uri + "': '" + project + "' is not a Google Cloud project id (6 to 30 lower-case"
              + " letters, digits and hyphens, starting with a letter)");
    }
    for (String[] part : new String[][] {{"dataset", dataset}, {"table", table}}) {
      if (!NAME.matcher(part[1]).matches()) {
        throw new IllegalArgumentException(
            "'" + uri + "': " + part[0] + " '" + part[1] + "' must be letters, digits and"
                + " underscores");
      }
    }
    return new BigQueryTableName(project, dataset, table);
  }

  /** The table as the BigQuery API names it. */
  public TableReference reference() {
    return new TableReference().setProjectId(project).setDatasetId(dataset).setTableId(table);
  }

  /** {@code bigquery://<project>/<dataset>.<table>}. */
  @Override
  public String toString() {
    return SCHEME + "://" + project + "/" + dataset + "." + table;
  }
}
