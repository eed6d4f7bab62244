package io.demandcast.pipelines;

/**
 * What became of one source table's rows in a run.
 *
 * @param read rows read (for the demo, rows of its files, including those that could not be
 *     converted)
 * @param used rows that passed every check and went into the merge step
 * @param rejected rows written to {@code rejected_records}
 */
public record RowAccount(long read, long used, long rejected) {
  /** Whether every row read was used or rejected. */
  public boolean balanced() {
    return read == used + rejected;
  }
}
