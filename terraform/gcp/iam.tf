# The job's service account and its grants: each on the narrowest resource that carries the
# permission. No primitive roles (owner, editor, viewer).

resource "google_service_account" "job" {
  project      = var.project_id
  account_id   = var.service_account_id
  display_name = "demandcast job"
  description  = "Runs demandcast: writes its output tables in BigQuery dataset ${var.dataset_id} and its temporary files in gs://${var.bucket_name}."

  depends_on = [google_project_service.required]
}

locals {
  job_member = "serviceAccount:${google_service_account.job.email}"
}

# Dataset level: create the missing output tables, the analysts' views and the per-run staging
# tables, load and delete rows, read the sources kept in the same dataset.
resource "google_bigquery_dataset_iam_member" "job_data_editor" {
  project    = var.project_id
  dataset_id = google_bigquery_dataset.demandcast.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = local.job_member
}

# Project level, as BigQuery requires: jobs (queries, the publishing transaction, BigQueryIO's
# load and export jobs) belong to a project, not to a dataset. This role lets the account run jobs
# and see its own; it grants no access to data.
resource "google_project_iam_member" "job_bigquery_job_user" {
  project = var.project_id
  role    = "roles/bigquery.jobUser"
  member  = local.job_member
}

# Bucket level: write, read and delete the temporary files.
resource "google_storage_bucket_iam_member" "job_objects" {
  bucket = google_storage_bucket.staging.name
  role   = "roles/storage.objectAdmin"
  member = local.job_member
}

# Bucket level: storage.buckets.get, which Beam calls to check that --tempLocation's bucket exists
# and which roles/storage.objectAdmin lacks.
resource "google_storage_bucket_iam_member" "job_bucket_reader" {
  bucket = google_storage_bucket.staging.name
  role   = "roles/storage.legacyBucketReader"
  member = local.job_member
}

# Project level, only when the job runs on Dataflow (var.grant_dataflow_worker).
resource "google_project_iam_member" "job_dataflow_worker" {
  count = var.grant_dataflow_worker ? 1 : 0

  project = var.project_id
  role    = "roles/dataflow.worker"
  member  = local.job_member
}

# On the service account only: who may run the job as it (gcloud ... --impersonate-service-account,
# or GOOGLE_IMPERSONATE_SERVICE_ACCOUNT).
resource "google_service_account_iam_member" "job_impersonators" {
  for_each = toset(var.job_impersonators)

  service_account_id = google_service_account.job.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = each.value
}
