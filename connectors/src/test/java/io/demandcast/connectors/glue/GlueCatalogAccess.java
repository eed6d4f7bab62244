package io.demandcast.connectors.glue;

import software.amazon.awssdk.services.glue.model.Table;

/**
 * Test access to {@link GlueCatalog}'s resolution of a Glue table, for tests outside this package
 * (the Terraform checks build the Glue table a {@code .tf} file declares and resolve it as the job
 * would).
 */
public final class GlueCatalogAccess {
  private GlueCatalogAccess() {}

  /**
   * {@link GlueCatalog#toGlueTable}: the format, CSV layout, location and columns of a table as
   * Glue's {@code GetTable} would return it.
   *
   * @throws IllegalArgumentException as {@link GlueCatalog#resolve(String, String)} does for a table
   *     demandcast cannot read
   */
  public static GlueTable toGlueTable(GlueTableName name, Table table) {
    return GlueCatalog.toGlueTable(name, table);
  }
}
