package io.demandcast.pipelines;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.demandcast.connectors.Redaction;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.pipelines.model.JobSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;

/**
 * What a run records about itself in {@code model_runs}: the time, demandcast's version, the
 * options it ran with and where its sources were read from.
 */
public final class RunRecord {
  /**
   * Settings as JSON: snake_case keys of the records' components, nested records as objects,
   * enums by name, dates and times as ISO-8601 text.
   */
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private RunRecord() {}

  /** UTC now, to the microsecond (DuckDB's timestamp precision). */
  public static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  /** demandcast's version, from the jar's build; {@code unknown} outside a build. */
  public static String version() {
    try (InputStream in = RunRecord.class.getResourceAsStream("/demandcast/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code model_runs.options}: every setting that changes an output, so that a run can be
   * reproduced from its own record. Each component of {@link JobSettings} under its snake_case name
   * (e.g. {@code service_level}), the inventory settings under {@code inventory} (e.g. {@code
   * inventory.distribution}) and the plausibility rules under {@code rules} (e.g. {@code
   * rules.as_of}); then {@code runner}, {@code warehouse} (a DuckDB file's absolute path, or the
   * output URI with any secret redacted), {@code load_demo} and {@code column_mapping} (canonical
   * table → canonical column → source column).
   *
   * @param runner the Beam runner's simple class name, e.g. {@code DirectRunner}
   * @param warehouse where the outputs go, as above
   */
  public static String optionsJson(JobSettings settings, String runner, String warehouse,
      boolean loadDemo, ColumnMapping mapping) {
    ObjectNode node = JSON.valueToTree(settings);
    node.put("runner", runner);
    node.put("warehouse", Redaction.redact(warehouse));
    node.put("load_demo", loadDemo);
    node.set("column_mapping", JSON.valueToTree(mapping.asMap()));
    return node.toString();
  }

  /**
   * {@code model_runs.source_snapshot}: per source table, its URI (secrets redacted) and the rows
   * read from it.
   */
  public static String snapshotJson(Map<String, TableUri> sources, Map<String, Long> rowsRead) {
    ObjectNode node = JSON.createObjectNode();
    sources.forEach((name, uri) -> {
      ObjectNode table = node.putObject(name);
      table.put("uri", Redaction.redact(uri.toString()));
      table.put("rows_read", rowsRead.getOrDefault(name, 0L));
    });
    return node.toString();
  }
}
