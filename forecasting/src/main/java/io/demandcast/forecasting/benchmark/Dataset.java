package io.demandcast.forecasting.benchmark;

import java.util.List;
import java.util.Objects;

/**
 * A benchmark dataset: series split into training and test parts.
 *
 * @param name the dataset id, {@code m3}, {@code m4-weekly}, {@code carparts}, {@code nn5}, or
 *     {@code file:NAME} for a user's long-format file (its file name)
 * @param series the usable series in file order, unmodifiable
 * @param skipped how many series of the file were left out, with {@code skippedReason}
 * @param skippedReason why series were left out, empty when none were
 */
public record Dataset(String name, List<SeriesSplit> series, int skipped, String skippedReason) {

  /**
   * Copies the list.
   *
   * @param name the {@code name} component, described on the record
   * @param series the {@code series} component, described on the record
   * @param skipped the {@code skipped} component, described on the record
   * @param skippedReason the {@code skippedReason} component, described on the record
   * @throws NullPointerException if a component is null
   */
  public Dataset {
    Objects.requireNonNull(name, "name");
    series = List.copyOf(series);
    Objects.requireNonNull(skippedReason, "skippedReason");
  }

  /**
   * Returns the first {@code limit} series of this dataset.
   *
   * @param limit the number of series to keep, at least 1
   * @return this dataset if it has at most {@code limit} series, else a shortened copy
   * @throws IllegalArgumentException if {@code limit < 1}
   */
  public Dataset limit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    return series.size() <= limit
        ? this
        : new Dataset(name, series.subList(0, limit), skipped, skippedReason);
  }
}
