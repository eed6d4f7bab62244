package io.demandcast.connectors.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit.Stubbing;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BigQuery REST answers for the Google Cloud BigQuery client, served by WireMock on loopback in
 * the tests of the BigQuery output warehouse (no local BigQuery server exists). Written by hand in
 * the shape the BigQuery v2 REST reference documents, for project {@value #PROJECT} and dataset
 * {@value #DATASET} in the EU; not captured from BigQuery.
 */
public final class BigQueryRestAnswers {
  /** The project of the answers. */
  public static final String PROJECT = "acme-prod";

  /** The dataset of the answers. */
  public static final String DATASET = "demandcast";

  /** The REST path of the project. */
  public static final String BASE = "/bigquery/v2/projects/" + PROJECT;

  private static final ObjectMapper JSON = new ObjectMapper();

  private BigQueryRestAnswers() {}

  /** A JSON answer. */
  public static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
  }

  /** An HTTP error as BigQuery sends it: the status, and the reason in {@code error.errors[]}. */
  public static ResponseDefinitionBuilder error(int status, String reason, String message) {
    ObjectNode error = JSON.createObjectNode();
    ObjectNode body = error.putObject("error");
    body.put("code", status);
    body.put("message", message);
    ObjectNode item = body.putArray("errors").addObject();
    item.put("message", message);
    item.put("domain", "global");
    item.put("reason", reason);
    body.put("status", switch (status) {
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 503 -> "UNAVAILABLE";
      default -> "INVALID_ARGUMENT";
    });
    return json(status, error.toString());
  }

  /** A job reference of the project in the EU. */
  public static String jobReference(String jobId) {
    return "{\"projectId\":\"" + PROJECT + "\",\"jobId\":\"" + jobId + "\",\"location\":\"EU\"}";
  }

  /**
   * The dataset, in the EU; every table missing (404) unless {@code existing} gives its answer;
   * every query done without a result set (as DDL, DML and scripts end), so that the client reads
   * the job and its results; the count query ({@code ... AS row_count}) answered with {@code
   * counts} as rows of (table_name STRING, row_count INT64).
   */
  public static void serve(Stubbing bq, Map<String, String> existing, Map<String, Long> counts) {
    bq.stubFor(get(urlPathEqualTo(BASE + "/datasets/" + DATASET)).willReturn(json(200, """
        {"kind": "bigquery#dataset", "id": "acme-prod:demandcast", "etag": "a1b2",
         "datasetReference": {"projectId": "acme-prod", "datasetId": "demandcast"},
         "location": "EU", "creationTime": "1714000000000", "lastModifiedTime": "1714000000000",
         "type": "DEFAULT"}""")));
    bq.stubFor(get(urlPathMatching(BASE + "/datasets/" + DATASET + "/tables/[^/]+"))
        .willReturn(error(404, "notFound", "Not found: Table acme-prod:demandcast.x")));
    existing.forEach((table, body) -> bq.stubFor(
        get(urlPathEqualTo(BASE + "/datasets/" + DATASET + "/tables/" + table))
            .atPriority(1).willReturn(json(200, body))));
    bq.stubFor(post(urlPathEqualTo(BASE + "/queries")).atPriority(5).willReturn(json(200,
        "{\"kind\": \"bigquery#queryResponse\", \"jobReference\": " + jobReference("job_script")
            + ", \"jobComplete\": true}")));
    bq.stubFor(get(urlPathMatching(BASE + "/jobs/[^/]+")).willReturn(json(200,
        "{\"kind\": \"bigquery#job\", \"id\": \"acme-prod:EU.job_script\", \"jobReference\": "
            + jobReference("job_script") + ", \"configuration\": {\"jobType\": \"QUERY\","
            + " \"query\": {\"query\": \"(script)\", \"useLegacySql\": false}},"
            + " \"status\": {\"state\": \"DONE\"}, \"statistics\": {\"creationTime\":"
            + " \"1714000000000\", \"startTime\": \"1714000000100\", \"endTime\":"
            + " \"1714000001000\", \"numChildJobs\": \"3\", \"query\": {\"statementType\":"
            + " \"SCRIPT\"}}}")));
    bq.stubFor(get(urlPathMatching(BASE + "/queries/[^/]+")).willReturn(json(200,
        "{\"kind\": \"bigquery#getQueryResultsResponse\", \"jobReference\": "
            + jobReference("job_script") + ", \"jobComplete\": true, \"totalRows\": \"0\","
            + " \"cacheHit\": false}")));
    ArrayNode rows = JSON.createArrayNode();
    counts.forEach((table, count) -> {
      ArrayNode f = rows.addObject().putArray("f");
      f.addObject().put("v", table);
      f.addObject().put("v", String.valueOf(count));
    });
    bq.stubFor(post(urlPathEqualTo(BASE + "/queries"))
        .withRequestBody(containing("AS row_count")).atPriority(1).willReturn(json(200,
            "{\"kind\": \"bigquery#queryResponse\", \"jobReference\": " + jobReference("job_counts")
                + ", \"jobComplete\": true, \"totalRows\": \"" + counts.size() + "\","
                + " \"schema\": {\"fields\": [{\"name\": \"table_name\", \"type\": \"STRING\","
                + " \"mode\": \"NULLABLE\"}, {\"name\": \"row_count\", \"type\": \"INTEGER\","
                + " \"mode\": \"NULLABLE\"}]}, \"rows\": " + rows + "}")));
  }

  /** The bodies of the jobs.query requests {@code bq} received, in the order sent. */
  public static List<JsonNode> queries(Stubbing bq) {
    List<JsonNode> bodies = new ArrayList<>();
    for (LoggedRequest request : bq.findAll(postRequestedFor(urlPathEqualTo(BASE + "/queries")))) {
      try {
        bodies.add(JSON.readTree(request.getBodyAsString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return bodies;
  }
}
