# demandcast on Google Cloud: the BigQuery dataset and output tables the job publishes to
# (bigquery.tf), the GCS staging bucket BigQueryIO's file loads go through (storage.tf) and the
# job's service account with the roles it needs and no more (iam.tf).
#
# Files are split by concern so that the Dataflow Flex Template and the Cloud Scheduler job that
# launches it can come as their own files (dataflow.tf, scheduler.tf) without touching these; see
# ../README.md, "Adding the Dataflow Flex Template".

provider "google" {
  project = var.project_id
  region  = var.region
}

locals {
  # BigQuery location: the region unless a multi-region (EU, US) is asked for
  bigquery_location = coalesce(var.bigquery_location, var.region)

  labels = merge({ app = "demandcast" }, var.labels)

  # the APIs this configuration and the job use; the Flex Template adds dataflow, artifactregistry
  # and cloudscheduler
  services = [
    "bigquery.googleapis.com",
    "iam.googleapis.com",
    "storage.googleapis.com",
  ]
}

resource "google_project_service" "required" {
  for_each = toset(local.services)

  project = var.project_id
  service = each.value

  # other workloads of the project may use the same APIs
  disable_on_destroy = false
}
