package io.demandcast.connectors.terraform;

import static io.demandcast.connectors.terraform.TerraformModule.blocks;
import static io.demandcast.connectors.terraform.TerraformModule.list;
import static io.demandcast.connectors.terraform.TerraformModule.map;
import static io.demandcast.connectors.terraform.TerraformModule.referencedName;
import static io.demandcast.connectors.terraform.TerraformModule.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandcast.connectors.bigquery.BigQuerySchemas;
import io.demandcast.connectors.glue.GlueCatalogAccess;
import io.demandcast.connectors.glue.GlueSource;
import io.demandcast.connectors.glue.GlueTable;
import io.demandcast.connectors.glue.GlueTableName;
import io.demandcast.connectors.hive.HiveSchemas;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.connectors.schema.TableSchema.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Checks of a parsed Terraform module against demandcast's schema definition and a few security
 * rules. Each check returns its problems, one line each naming the module, the resource and what is
 * wrong; an empty list means the module passes. The expected schemas come from {@link
 * CanonicalTables} through the project's own type mappings ({@link BigQuerySchemas#type}, {@link
 * HiveSchemas#type}), never from a copy.
 */
final class TerraformChecks {
  private TerraformChecks() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Project-wide roles no account should get from this configuration. */
  static final Set<String> PRIMITIVE_ROLES = Set.of("roles/owner", "roles/editor", "roles/viewer");

  /** IAM members that make a resource public. */
  static final Set<String> PUBLIC_MEMBERS = Set.of("allUsers", "allAuthenticatedUsers");

  /** Server-side encryption algorithms S3 offers (SSE-S3, SSE-KMS, DSSE-KMS). */
  static final Set<String> SSE_ALGORITHMS = Set.of("AES256", "aws:kms", "aws:kms:dsse");

  /** The four settings of an S3 public access block. */
  static final List<String> PUBLIC_ACCESS_BLOCK_FLAGS =
      List.of("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets");

  /** Every check. */
  static List<String> all(TerraformModule module) {
    List<String> problems = new ArrayList<>();
    problems.addAll(bigQueryTables(module));
    problems.addAll(glueTables(module));
    problems.addAll(s3Buckets(module));
    problems.addAll(gcsBuckets(module));
    problems.addAll(awsPolicies(module));
    problems.addAll(gcpIam(module));
    problems.addAll(gcpScheduler(module));
    return problems;
  }

  // ---- BigQuery ---------------------------------------------------------------------------

  /**
   * Every {@code google_bigquery_table} is a canonical output table in a dataset of the module,
   * with the columns in order, their BigQuery types and modes (REQUIRED for a NOT NULL column) and
   * descriptions, the partitioning, clustering and description demandcast's own DDL gives it.
   */
  static List<String> bigQueryTables(TerraformModule module) {
    List<String> problems = new ArrayList<>();
    module.resources("google_bigquery_table").forEach((resource, body) -> {
      String where = module.name() + ": google_bigquery_table." + resource;
      String tableId = text(body.get("table_id"));
      TableSchema table = canonical(tableId, Role.OUTPUT, where, problems);
      if (table == null) {
        return;
      }
      String dataset = referencedName(body.get("dataset_id"), "google_bigquery_dataset");
      if (dataset == null || !module.resources("google_bigquery_dataset").containsKey(dataset)) {
        problems.add(where + ": dataset_id " + text(body.get("dataset_id"))
            + " is not a google_bigquery_dataset of this module");
      }
      expectEqual(problems, where + " description", text(body.get("description")),
          "output table, one row per " + table.grain());
      problems.addAll(bigQueryColumns(where, table, body.get("schema")));
      List<Map<String, Object>> partitioning = blocks(body, "time_partitioning");
      BigQuerySchemas.partitioning(table).ifPresentOrElse(
          p -> {
            if (partitioning.size() != 1) {
              problems.add(where + ": expected time_partitioning by " + p.granularity() + " of "
                  + p.column() + ", found " + partitioning.size() + " time_partitioning blocks");
            } else {
              expectEqual(problems, where + " time_partitioning.type",
                  text(partitioning.get(0).get("type")), p.granularity().name());
              expectEqual(problems, where + " time_partitioning.field",
                  text(partitioning.get(0).get("field")), p.column());
            }
          },
          () -> {
            if (!partitioning.isEmpty()) {
              problems.add(where + ": demandcast does not partition " + table.name()
                  + ", the table has time_partitioning");
            }
          });
      if (!blocks(body, "range_partitioning").isEmpty()) {
        problems.add(where + ": demandcast does not range-partition " + table.name());
      }
      List<String> clustering = list(body.get("clustering")).stream().map(TerraformModule::text).toList();
      expectEqual(problems, where + " clustering", clustering, BigQuerySchemas.clustering(table));
    });
    return problems;
  }

  /** The schema's columns against the table's: names in order, types, modes, descriptions. */
  static List<String> bigQueryColumns(String where, TableSchema table, Object schema) {
    List<String> problems = new ArrayList<>();
    if (!(schema instanceof String json)) {
      problems.add(where + ": schema is not a literal jsonencode([...]) or JSON string, so it"
          + " cannot be checked; write the columns inline");
      return problems;
    }
    JsonNode fields;
    try {
      fields = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      problems.add(where + ": schema is not JSON: " + e.getOriginalMessage());
      return problems;
    }
    List<String> names = new ArrayList<>();
    fields.forEach(f -> names.add(f.path("name").asText()));
    if (!names.equals(table.columnNames())) {
      problems.add(where + ": columns " + names + ", expected " + table.columnNames()
          + " (CanonicalTables." + table.name() + ", in order)");
      return problems;
    }
    for (int i = 0; i < names.size(); i++) {
      JsonNode field = fields.get(i);
      Column column = table.columns().get(i);
      String at = where + " column " + column.name();
      expectEqual(problems, at + " type", field.path("type").asText(null),
          BigQuerySchemas.type(column.type()));
      String mode = field.hasNonNull("mode") ? field.get("mode").asText() : "NULLABLE";
      expectEqual(problems, at + " mode", mode, column.nullable() ? "NULLABLE" : "REQUIRED");
      expectEqual(problems, at + " description", field.path("description").asText(null),
          column.description());
    }
    return problems;
  }

  // ---- Glue -------------------------------------------------------------------------------

  private static final Pattern S3_LOCATION =
      Pattern.compile("s3://aws_s3_bucket\\.([A-Za-z0-9_-]+)\\.(?:bucket|id)/(.*)");

  /**
   * Every {@code aws_glue_catalog_table} is a canonical source table in a Glue database of the
   * module, stored in an S3 bucket of the module at {@code <prefix><table>/}, with the canonical
   * columns in order, their Hive types (lower case, as Glue keeps them) and descriptions as
   * comments, and no partition keys; and demandcast's Glue source accepts it: its format, CSV
   * layout and columns pass {@link GlueSource#plan} as the job would resolve the table.
   */
  static List<String> glueTables(TerraformModule module) {
    List<String> problems = new ArrayList<>();
    module.resources("aws_glue_catalog_table").forEach((resource, body) -> {
      String where = module.name() + ": aws_glue_catalog_table." + resource;
      String tableName = text(body.get("name"));
      TableSchema table = canonical(tableName, Role.SOURCE, where, problems);
      if (table == null) {
        return;
      }
      String database = referencedName(body.get("database_name"), "aws_glue_catalog_database");
      if (database == null || !module.resources("aws_glue_catalog_database").containsKey(database)) {
        problems.add(where + ": database_name " + text(body.get("database_name"))
            + " is not an aws_glue_catalog_database of this module");
      }
      List<Map<String, Object>> descriptors = blocks(body, "storage_descriptor");
      if (descriptors.size() != 1) {
        problems.add(where + ": expected one storage_descriptor, found " + descriptors.size());
        return;
      }
      Map<String, Object> sd = descriptors.get(0);
      List<Map<String, Object>> columns = blocks(sd, "columns");
      List<String> names = columns.stream().map(c -> text(c.get("name"))).toList();
      if (!names.equals(table.columnNames())) {
        problems.add(where + ": columns " + names + ", expected " + table.columnNames()
            + " (CanonicalTables." + table.name() + ", in order)");
      } else {
        for (int i = 0; i < names.size(); i++) {
          Column column = table.columns().get(i);
          String at = where + " column " + column.name();
          expectEqual(problems, at + " type", text(columns.get(i).get("type")),
              HiveSchemas.type(column.type()).toLowerCase(Locale.ROOT));
          expectEqual(problems, at + " comment", text(columns.get(i).get("comment")),
              column.description());
        }
      }
      if (!blocks(body, "partition_keys").isEmpty()) {
        problems.add(where + ": has partition keys; demandcast reads columns from the files only,"
            + " not from partition folders");
      }
      String location = text(sd.get("location"));
      Matcher m = location == null ? null : S3_LOCATION.matcher(location);
      if (m == null || !m.matches()) {
        problems.add(where + ": location " + location + " is not s3://${aws_s3_bucket.<name>.bucket}/...");
        return;
      }
      Map<String, Object> bucket = module.resources("aws_s3_bucket").get(m.group(1));
      if (bucket == null) {
        problems.add(where + ": location names aws_s3_bucket." + m.group(1)
            + ", which this module does not declare");
        return;
      }
      if (!m.group(2).endsWith(table.name() + "/")) {
        problems.add(where + ": location " + location + " should be the folder <prefix>"
            + table.name() + "/");
      }
      String bucketName = text(bucket.get("bucket"));
      if (bucketName == null || !bucketName.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
        bucketName = "example-bucket"; // the name is the bucket's business; the check is the rest
      }
      Table glue = sdkTable(tableName, body, sd, "s3://" + bucketName + "/" + m.group(2));
      try {
        GlueTable resolved = GlueCatalogAccess.toGlueTable(
            new GlueTableName(database == null ? "db" : database, tableName), glue);
        GlueSource.plan(resolved, table, ColumnMapping.IDENTITY);
      } catch (IllegalArgumentException e) {
        problems.add(where + ": demandcast's Glue source would refuse it: " + e.getMessage());
      }
    });
    return problems;
  }

  /** The table as Glue's GetTable would return it. */
  private static Table sdkTable(
      String name, Map<String, Object> body, Map<String, Object> sd, String location) {
    Map<String, Object> serde = blocks(sd, "ser_de_info").stream().findFirst().orElse(Map.of());
    return Table.builder()
        .name(name)
        .tableType(text(body.get("table_type")))
        .parameters(strings(body.get("parameters")))
        .partitionKeys(glueColumns(blocks(body, "partition_keys")))
        .storageDescriptor(
            StorageDescriptor.builder()
                .location(location)
                .inputFormat(text(sd.get("input_format")))
                .outputFormat(text(sd.get("output_format")))
                .parameters(strings(sd.get("parameters")))
                .serdeInfo(
                    SerDeInfo.builder()
                        .serializationLibrary(text(serde.get("serialization_library")))
                        .parameters(strings(serde.get("parameters")))
                        .build())
                .columns(glueColumns(blocks(sd, "columns")))
                .build())
        .build();
  }

  private static List<software.amazon.awssdk.services.glue.model.Column> glueColumns(
      List<Map<String, Object>> blocks) {
    return blocks.stream()
        .map(c -> software.amazon.awssdk.services.glue.model.Column.builder()
            .name(text(c.get("name")))
            .type(text(c.get("type")))
            .comment(text(c.get("comment")))
            .build())
        .toList();
  }

  private static Map<String, String> strings(Object value) {
    Map<String, String> out = new HashMap<>();
    map(value).forEach((k, v) -> out.put(k, text(v)));
    return out;
  }

  // ---- S3 ---------------------------------------------------------------------------------

  /**
   * Every {@code aws_s3_bucket} has a public access block with all four settings true, default
   * server-side encryption and versioning enabled; no bucket ACL is other than private.
   */
  static List<String> s3Buckets(TerraformModule module) {
    List<String> problems = new ArrayList<>();
    for (String bucket : module.resources("aws_s3_bucket").keySet()) {
      String where = module.name() + ": aws_s3_bucket." + bucket;
      Map<String, Object> body = module.resources("aws_s3_bucket").get(bucket);
      String inlineAcl = text(body.get("acl"));
      if (inlineAcl != null && !inlineAcl.equals("private")) {
        problems.add(where + ": acl " + inlineAcl + " opens the bucket; leave ACLs private");
      }

      List<Map<String, Object>> blocksOfPublicAccess = forBucket(module, "aws_s3_bucket_public_access_block", bucket);
      if (blocksOfPublicAccess.isEmpty()) {
        problems.add(where + ": no aws_s3_bucket_public_access_block");
      }
      for (Map<String, Object> pab : blocksOfPublicAccess) {
        for (String flag : PUBLIC_ACCESS_BLOCK_FLAGS) {
          if (!Boolean.TRUE.equals(pab.get(flag))) {
            problems.add(where + ": public access block " + flag + " is " + text(pab.get(flag))
                + ", must be true");
          }
        }
      }

      List<Map<String, Object>> encryption =
          forBucket(module, "aws_s3_bucket_server_side_encryption_configuration", bucket);
      List<String> algorithms = encryption.stream()
          .flatMap(e -> blocks(e, "rule").stream())
          .flatMap(r -> blocks(r, "apply_server_side_encryption_by_default").stream())
          .map(d -> text(d.get("sse_algorithm")))
          .toList();
      if (algorithms.isEmpty() || !SSE_ALGORITHMS.containsAll(algorithms)) {
        problems.add(where + ": no default server-side encryption (an"
            + " aws_s3_bucket_server_side_encryption_configuration with sse_algorithm one of "
            + SSE_ALGORITHMS + "), found " + algorithms);
      }

      List<String> versioning = forBucket(module, "aws_s3_bucket_versioning", bucket).stream()
          .flatMap(v -> blocks(v, "versioning_configuration").stream())
          .map(c -> text(c.get("status")))
          .toList();
      if (!versioning.equals(List.of("Enabled"))) {
        problems.add(where + ": versioning is not enabled (an aws_s3_bucket_versioning with"
            + " status Enabled), found " + versioning);
      }
    }
    module.resources("aws_s3_bucket_acl").forEach((name, acl) -> {
      String value = text(acl.get("acl"));
      if (value != null && !value.equals("private")) {
        problems.add(module.name() + ": aws_s3_bucket_acl." + name + ": acl " + value
            + " opens the bucket; leave ACLs private");
      }
    });
    return problems;
  }

  /** The resources of a type whose {@code bucket} is {@code aws_s3_bucket.<bucket>.id/bucket}. */
  private static List<Map<String, Object>> forBucket(TerraformModule module, String type, String bucket) {
    return module.resources(type).values().stream()
        .filter(r -> bucket.equals(referencedName(r.get("bucket"), "aws_s3_bucket")))
        .toList();
  }

  // ---- GCS --------------------------------------------------------------------------------

  /**
   * Every {@code google_storage_bucket} enforces public access prevention, has uniform
   * bucket-level access and versioning; no ACL resource names a public entity (public IAM members
   * are {@link #gcpIam}'s).
   */
  static List<String> gcsBuckets(TerraformModule module) {
    List<String> problems = new ArrayList<>();
    module.resources("google_storage_bucket").forEach((bucket, body) -> {
      String where = module.name() + ": google_storage_bucket." + bucket;
      expectEqual(problems, where + " public_access_prevention",
          text(body.get("public_access_prevention")), "enforced");
      expectEqual(problems, where + " uniform_bucket_level_access",
          text(body.get("uniform_bucket_level_access")), "true");
      List<String> versioning = blocks(body, "versioning").stream()
          .map(v -> text(v.get("enabled"))).toList();
      expectEqual(problems, where + " versioning.enabled", versioning, List.of("true"));
    });
    for (String type : List.of("google_storage_bucket_acl", "google_storage_bucket_access_control",
        "google_storage_default_object_acl", "google_storage_default_object_access_control",
        "google_storage_object_acl", "google_storage_object_access_control")) {
      module.resources(type).forEach((name, body) -> {
        String all = String.valueOf(body);
        for (String member : PUBLIC_MEMBERS) {
          if (all.contains(member)) {
            problems.add(module.name() + ": " + type + "." + name + " grants " + member
                + " access: the bucket would be public");
          }
        }
      });
    }
    return problems;
  }

  // ---- AWS IAM ----------------------------------------------------------------------------

  private static final Set<String> POLICY_ATTRIBUTES = Set.of("policy", "assume_role_policy");

  private static final Set<String> POLICY_ATTACHMENTS = Set.of(
      "aws_iam_role_policy_attachment", "aws_iam_policy_attachment",
      "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment");

  /**
   * No Allow statement grants a wildcard action ({@code *}, {@code s3:*}, {@code s3:Get*}), uses
   * {@code not_actions}, names the resource {@code *}, or is granted to every principal. Statements
   * are read from {@code aws_iam_policy_document} data sources and from the {@code policy} and
   * {@code assume_role_policy} of resources, which must be such a document's {@code .json} or a
   * literal JSON text; AWS-managed policies (whose statements cannot be seen here) are refused.
   */
  static List<String> awsPolicies(TerraformModule module) {
    List<String> problems = new ArrayList<>();
    module.dataSources("aws_iam_policy_document").forEach((name, document) -> {
      String where = module.name() + ": data.aws_iam_policy_document." + name;
      List<Map<String, Object>> statements = blocks(document, "statement");
      for (int i = 0; i < statements.size(); i++) {
        Map<String, Object> s = statements.get(i);
        List<String> principals = new ArrayList<>();
        for (Map<String, Object> p : blocks(s, "principals")) {
          principals.add(text(p.get("type")));
          list(p.get("identifiers")).forEach(id -> principals.add(text(id)));
        }
        checkStatement(problems, where + " statement " + label(s, i), text(s.get("effect")),
            strings(list(s.get("actions"))), !list(s.get("not_actions")).isEmpty(),
            strings(list(s.get("resources"))), principals);
      }
    });
    for (String type : module.resourceTypes()) {
      if (!type.startsWith("aws_")) {
        continue;
      }
      module.resources(type).forEach((name, body) -> {
        String where = module.name() + ": " + type + "." + name;
        List<Map<String, Object>> holders = new ArrayList<>(List.of(body));
        holders.addAll(blocks(body, "inline_policy"));
        for (Map<String, Object> holder : holders) {
          for (String attribute : POLICY_ATTRIBUTES) {
            if (holder.containsKey(attribute)) {
              checkPolicyValue(problems, where + " " + attribute, holder.get(attribute));
            }
          }
        }
        List<Object> arns = new ArrayList<>(list(body.get("managed_policy_arns")));
        if (POLICY_ATTACHMENTS.contains(type)) {
          arns.add(body.get("policy_arn"));
        }
        for (Object arn : arns) {
          String text = text(arn);
          if (text != null && text.contains(":iam::aws:policy/")) {
            problems.add(where + ": attaches the AWS-managed policy " + text + ", whose"
                + " statements (wildcards among them) this check cannot see; write the"
                + " actions the job needs in an aws_iam_policy_document");
          }
        }
      });
    }
    return problems;
  }

  private static void checkPolicyValue(List<String> problems, String where, Object value) {
    String reference = text(value);
    if (value instanceof String json) {
      JsonNode policy;
      try {
        policy = JSON.readTree(json);
      } catch (JsonProcessingException e) {
        problems.add(where + " is neither an aws_iam_policy_document's json nor JSON: "
            + e.getOriginalMessage());
        return;
      }
      JsonNode statements = policy.path("Statement");
      List<JsonNode> all = new ArrayList<>();
      if (statements.isArray()) {
        statements.forEach(all::add);
      } else if (statements.isObject()) {
        all.add(statements);
      }
      for (int i = 0; i < all.size(); i++) {
        JsonNode s = all.get(i);
        List<String> principals = new ArrayList<>();
        JsonNode principal = s.path("Principal");
        if (principal.isTextual()) {
          principals.add(principal.asText());
        } else {
          principal.fields().forEachRemaining(e -> {
            principals.add(e.getKey());
            e.getValue().forEach(id -> principals.add(id.asText()));
            if (e.getValue().isTextual()) {
              principals.add(e.getValue().asText());
            }
          });
        }
        checkStatement(problems, where + " Statement " + (s.has("Sid") ? s.get("Sid").asText() : "#" + (i + 1)),
            s.path("Effect").asText(null), jsonStrings(s.path("Action")), s.has("NotAction"),
            jsonStrings(s.path("Resource")), principals);
      }
    } else if (reference == null
        || !(reference.startsWith("data.aws_iam_policy_document.") && reference.endsWith(".json"))) {
      problems.add(where + " is " + reference + ", which this check cannot read; use an"
          + " aws_iam_policy_document's json");
    }
  }

  private static void checkStatement(List<String> problems, String where, String effect,
      List<String> actions, boolean notActions, List<String> resources, List<String> principals) {
    if (effect != null && !effect.equals("Allow")) {
      return; // a Deny may be as broad as it likes
    }
    for (String action : actions) {
      if (action == null || action.contains("*")) {
        problems.add(where + " grants the wildcard action " + action + "; name the actions");
      }
    }
    if (notActions) {
      problems.add(where + " allows everything but its not_actions; name the actions");
    }
    if (resources.contains("*")) {
      problems.add(where + " grants on every resource (\"*\"); name the resources");
    }
    if (principals.contains("*")) {
      problems.add(where + " is granted to every principal (\"*\"): public");
    }
  }

  private static String label(Map<String, Object> statement, int index) {
    String sid = text(statement.get("sid"));
    return sid != null ? sid : "#" + (index + 1);
  }

  private static List<String> strings(List<Object> values) {
    return values.stream().map(TerraformModule::text).toList();
  }

  private static List<String> jsonStrings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isTextual()) {
      out.add(node.asText());
    } else {
      node.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  // ---- Google IAM -------------------------------------------------------------------------

  /**
   * No IAM grant ({@code google_*_iam_member}, {@code _iam_binding}, {@code google_iam_policy}
   * bindings, BigQuery dataset access) gives a primitive role (owner, editor, viewer) or names a
   * public member (allUsers, allAuthenticatedUsers); and no project, folder or organization grant
   * gives an admin role.
   */
  static List<String> gcpIam(TerraformModule module) {
    List<String> problems = new ArrayList<>();
    for (String type : module.resourceTypes()) {
      if (!type.startsWith("google_")
          || !(type.endsWith("_iam_member") || type.endsWith("_iam_binding"))) {
        continue;
      }
      boolean broadScope = type.startsWith("google_project_iam")
          || type.startsWith("google_folder_iam") || type.startsWith("google_organization_iam");
      module.resources(type).forEach((name, body) -> {
        List<Object> members = new ArrayList<>(list(body.get("members")));
        members.add(body.get("member"));
        checkGrant(problems, module.name() + ": " + type + "." + name, text(body.get("role")),
            strings(members), broadScope);
      });
    }
    module.dataSources("google_iam_policy").forEach((name, policy) -> {
      for (Map<String, Object> binding : blocks(policy, "binding")) {
        checkGrant(problems, module.name() + ": data.google_iam_policy." + name,
            text(binding.get("role")), strings(list(binding.get("members"))), false);
      }
    });
    List<Map<String, Object>> accesses = new ArrayList<>();
    module.resources("google_bigquery_dataset").values()
        .forEach(d -> accesses.addAll(blocks(d, "access")));
    accesses.addAll(module.resources("google_bigquery_dataset_access").values());
    for (Map<String, Object> access : accesses) {
      for (String key : List.of("special_group", "iam_member", "user_by_email", "group_by_email")) {
        String member = text(access.get(key));
        if (member != null && PUBLIC_MEMBERS.contains(member)) {
          problems.add(module.name() + ": a BigQuery dataset access entry grants " + member
              + ": the dataset would be public");
        }
      }
    }
    return problems;
  }

  private static void checkGrant(
      List<String> problems, String where, String role, List<String> members, boolean broadScope) {
    if (role != null && PRIMITIVE_ROLES.contains(role)) {
      problems.add(where + " grants the primitive role " + role + "; grant a predefined role on"
          + " the resource instead");
    }
    if (broadScope && role != null && role.toLowerCase(Locale.ROOT).endsWith("admin")) {
      problems.add(where + " grants " + role + " on the whole project (or folder, organization);"
          + " grant it on the resource");
    }
    for (String member : members) {
      if (member != null && PUBLIC_MEMBERS.contains(member)) {
        problems.add(where + " grants " + role + " to " + member + ": public");
      }
    }
  }

  // ---- Cloud Scheduler --------------------------------------------------------------------

  /** Where a scheduler job must POST: Dataflow's projects.locations.flexTemplates.launch. */
  static final Pattern FLEX_TEMPLATE_LAUNCH = Pattern.compile(
      "^https://dataflow\\.googleapis\\.com/v1b3/projects/[^/]*/locations/[^/]*/flexTemplates:launch$");

  /** The grants a scheduler's service account holds: exactly these, as (resource type, role). */
  static final Set<String> SCHEDULER_GRANTS = Set.of(
      "google_project_iam_member roles/dataflow.developer",
      "google_service_account_iam_member roles/iam.serviceAccountUser");

  /**
   * Every {@code google_cloud_scheduler_job} POSTs to flexTemplates.launch with an OAuth token (not
   * OIDC) of a dedicated service account of the module, one that is not the account the launched
   * job runs as; that account holds exactly {@link #SCHEDULER_GRANTS}, the serviceAccountUser grant
   * on the job's account (the launch body's {@code environment.serviceAccountEmail}) only.
   */
  static List<String> gcpScheduler(TerraformModule module) {
    List<String> problems = new ArrayList<>();
    Map<String, Map<String, Object>> accounts = module.resources("google_service_account");
    String jobAccount = referencedName(
        map(map(map(locals(module).get("flex_template_launch_body")).get("launchParameter"))
            .get("environment")).get("serviceAccountEmail"), "google_service_account");
    module.resources("google_cloud_scheduler_job").forEach((name, body) -> {
      String where = module.name() + ": google_cloud_scheduler_job." + name;
      List<Map<String, Object>> targets = blocks(body, "http_target");
      if (targets.size() != 1) {
        problems.add(where + ": expected one http_target, found " + targets.size());
        return;
      }
      Map<String, Object> target = targets.get(0);
      expectEqual(problems, where + " http_target.http_method", text(target.get("http_method")), "POST");
      String uri = text(target.get("uri"));
      if (uri == null || !FLEX_TEMPLATE_LAUNCH.matcher(uri).matches()) {
        problems.add(where + ": uri " + uri + " is not Dataflow's flexTemplates:launch ("
            + FLEX_TEMPLATE_LAUNCH.pattern() + ")");
      }
      if (!blocks(target, "oidc_token").isEmpty()) {
        problems.add(where + ": uses an oidc_token; Google APIs take an oauth_token");
      }
      List<Map<String, Object>> tokens = blocks(target, "oauth_token");
      if (tokens.size() != 1) {
        problems.add(where + ": expected one oauth_token, found " + tokens.size());
        return;
      }
      String account = referencedName(tokens.get(0).get("service_account_email"), "google_service_account");
      if (account == null || !accounts.containsKey(account)) {
        problems.add(where + ": oauth_token.service_account_email "
            + text(tokens.get(0).get("service_account_email"))
            + " is not a google_service_account of this module");
        return;
      }
      if (account.equals(jobAccount)) {
        problems.add(where + ": the token is the job's own account google_service_account." + account
            + "; use a dedicated scheduler account");
      }
      if (jobAccount == null) {
        problems.add(where + ": no local.flex_template_launch_body with"
            + " launchParameter.environment.serviceAccountEmail naming the job's account");
      }
      problems.addAll(schedulerGrants(module, where, account, jobAccount));
    });
    return problems;
  }

  /** The grants naming {@code google_service_account.<account>} against {@link #SCHEDULER_GRANTS}. */
  private static List<String> schedulerGrants(
      TerraformModule module, String where, String account, String jobAccount) {
    List<String> problems = new ArrayList<>();
    Set<String> found = new java.util.TreeSet<>();
    String reference = "google_service_account." + account + ".";
    for (String type : module.resourceTypes()) {
      if (!type.startsWith("google_") || !(type.endsWith("_iam_member") || type.endsWith("_iam_binding"))) {
        continue;
      }
      module.resources(type).forEach((name, grant) -> {
        List<Object> members = new ArrayList<>(list(grant.get("members")));
        members.add(grant.get("member"));
        if (strings(members).stream().noneMatch(m -> m != null && m.contains(reference))) {
          return;
        }
        String role = text(grant.get("role"));
        found.add(type + " " + role);
        if (type.equals("google_service_account_iam_member")) {
          String on = referencedName(grant.get("service_account_id"), "google_service_account");
          if (on == null || !on.equals(jobAccount)) {
            problems.add(where + ": " + type + "." + name + " grants " + role + " on "
                + text(grant.get("service_account_id")) + ", expected on the job's account"
                + " google_service_account." + jobAccount + " only");
          }
        }
      });
    }
    if (!found.equals(new java.util.TreeSet<>(SCHEDULER_GRANTS))) {
      problems.add(where + ": google_service_account." + account + " holds " + found
          + ", expected exactly " + new java.util.TreeSet<>(SCHEDULER_GRANTS));
    }
    return problems;
  }

  /** The module's locals, every {@code locals} block merged. */
  static Map<String, Object> locals(TerraformModule module) {
    Map<String, Object> out = new HashMap<>();
    for (Object block : list(module.root().get("locals"))) {
      out.putAll(map(block));
    }
    return out;
  }

  // ---- shared -----------------------------------------------------------------------------

  /** The canonical table called {@code name} of the role, or null with a problem noted. */
  private static TableSchema canonical(String name, Role role, String where, List<String> problems) {
    TableSchema table;
    try {
      table = CanonicalTables.byName(Objects.requireNonNullElse(name, ""));
    } catch (NoSuchElementException e) {
      problems.add(where + ": " + e.getMessage());
      return null;
    }
    if (table.role() != role) {
      problems.add(where + ": " + name + " is a " + table.role().name().toLowerCase(Locale.ROOT)
          + " table, expected only " + role.name().toLowerCase(Locale.ROOT) + " tables here");
      return null;
    }
    return table;
  }

  private static void expectEqual(List<String> problems, String what, Object found, Object expected) {
    if (!Objects.equals(found, expected)) {
      problems.add(what + " is " + found + ", expected " + expected);
    }
  }

  /** The problems one per line, for assertion messages. */
  static String describe(List<String> problems) {
    return problems.isEmpty() ? "no problems" : "\n  " + String.join("\n  ", problems);
  }
}
