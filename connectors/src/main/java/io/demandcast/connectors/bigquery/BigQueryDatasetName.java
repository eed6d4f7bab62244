package io.demandcast.connectors.bigquery;

import com.google.cloud.bigquery.DatasetId;
import java.io.Serializable;
import java.util.Objects;

/**
 * A BigQuery dataset as a URI: {@code bigquery://<project>/<dataset>}, e.g. {@code
 * bigquery://acme-prod/demandcast}; the form {@code --output} takes for a BigQuery output
 * warehouse ({@link BigQueryWarehouse}). A table of it is {@link BigQueryTableName}.
 *
 * @param project the Google Cloud project id (6 to 30 characters: lower-case letters, digits,
 *     hyphens, starting with a letter; a domain-scoped id such as {@code example.com:proj} is
 *     accepted too)
 * @param dataset the dataset id: letters, digits and underscores, at most 1024 characters
 */
public record BigQueryDatasetName(String project, String dataset) implements Serializable {
  private static final String FORM = "bigquery://<project>/<dataset>";

  /**
   * @throws IllegalArgumentException naming the bad project or dataset id
   */
  public BigQueryDatasetName {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(dataset, "dataset");
    if (!BigQueryTableName.PROJECT.matcher(project).matches()) {
      throw new IllegalArgumentException(
          "'" + project + "' is not a Google Cloud project id (6 to 30 lower-case letters, digits"
              + " and hyphens, starting with a letter)");
    }
    if (!BigQueryTableName.NAME.matcher(dataset).matches()) {
      throw new IllegalArgumentException(
          "BigQuery dataset '" + dataset + "' must be letters, digits and underscores");
    }
  }

  /**
   * Parses {@code bigquery://<project>/<dataset>}.
   *
   * @throws IllegalArgumentException quoting the URI and the expected form, e.g. when it names a
   *     table ({@code <dataset>.<table>}) rather than a dataset
   */
  public static BigQueryDatasetName parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    String prefix = BigQueryTableName.SCHEME + "://";
    if (!uri.startsWith(prefix)) {
      throw new IllegalArgumentException("'" + uri + "' is not a BigQuery URI; expected " + FORM);
    }
    String rest = uri.substring(prefix.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new IllegalArgumentException(
          "'" + uri + "' must name a project and a dataset; expected " + FORM
              + ", e.g. bigquery://acme-prod/demandcast");
    }
    String project = rest.substring(0, slash);
    String dataset = rest.substring(slash + 1);
    if (dataset.contains(".")) {
      throw new IllegalArgumentException(
          "'" + uri + "' names a table; the output is a dataset, expected " + FORM);
    }
    try {
      return new BigQueryDatasetName(project, dataset);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + uri + "': " + e.getMessage(), e);
    }
  }

  /** The dataset as the BigQuery client names it. */
  public DatasetId id() {
    return DatasetId.of(project, dataset);
  }

  /**
   * {@code <project>.<dataset>}: how GoogleSQL qualifies a table of the dataset, inside backticks
   * ({@code `<project>.<dataset>.<table>`}); what {@code ${dataset}} in {@code sql/bigquery/*.sql}
   * stands for.
   */
  public String qualified() {
    return project + "." + dataset;
  }

  /** A table of this dataset. */
  public BigQueryTableName table(String table) {
    return new BigQueryTableName(project, dataset, table);
  }

  /** {@code bigquery://<project>/<dataset>}. */
  @Override
  public String toString() {
    return BigQueryTableName.SCHEME + "://" + project + "/" + dataset;
  }
}
