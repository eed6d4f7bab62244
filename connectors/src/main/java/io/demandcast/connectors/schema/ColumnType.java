package io.demandcast.connectors.schema;

import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;

/**
 * The column types of the canonical tables, with their Beam field type and their SQL type name in
 * each dialect demandcast writes DDL for.
 */
public enum ColumnType {
  /** Text. Beam {@code STRING}; DuckDB {@code VARCHAR}. */
  STRING(FieldType.STRING, "VARCHAR"),
  /** 32-bit signed integer. Beam {@code INT32}; DuckDB {@code INTEGER}. */
  INT32(FieldType.INT32, "INTEGER"),
  /** 64-bit signed integer. Beam {@code INT64}; DuckDB {@code BIGINT}. */
  INT64(FieldType.INT64, "BIGINT"),
  /** IEEE 754 double. Beam {@code DOUBLE}; DuckDB {@code DOUBLE}. */
  DOUBLE(FieldType.DOUBLE, "DOUBLE"),
  /** Boolean. Beam {@code BOOLEAN}; DuckDB {@code BOOLEAN}. */
  BOOLEAN(FieldType.BOOLEAN, "BOOLEAN"),
  /** Calendar date without zone, {@link java.time.LocalDate} in Beam rows; DuckDB {@code DATE}. */
  DATE(FieldType.logicalType(SqlTypes.DATE), "DATE"),
  /**
   * Local date-time without zone, microsecond precision at most, {@link java.time.LocalDateTime} in
   * Beam rows; DuckDB {@code TIMESTAMP}.
   */
  TIMESTAMP(FieldType.logicalType(SqlTypes.DATETIME), "TIMESTAMP");

  private final FieldType beamType;
  private final String duckDbType;

  ColumnType(FieldType beamType, String duckDbType) {
    this.beamType = beamType;
    this.duckDbType = duckDbType;
  }

  /** The Beam field type of a non-null value of this column type. */
  public FieldType beamType() {
    return beamType;
  }

  /** The DuckDB SQL type name. */
  public String duckDbType() {
    return duckDbType;
  }
}
