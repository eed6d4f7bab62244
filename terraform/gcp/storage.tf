# The staging bucket. Prefixes:
#   temp/       the job's --tempLocation: BigQueryIO's load and export files (deleted after
#               var.temp_retention_days)
#   staging/    Dataflow's --stagingLocation, for the Flex Template to come (same retention)
#   templates/  the Flex Template spec files, for the Flex Template to come (kept)

resource "google_storage_bucket" "staging" {
  project  = var.project_id
  name     = var.bucket_name
  location = var.region
  labels   = local.labels

  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false

  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      age            = var.temp_retention_days
      matches_prefix = ["temp/", "staging/"]
    }
    action {
      type = "Delete"
    }
  }

  lifecycle_rule {
    condition {
      days_since_noncurrent_time = var.noncurrent_version_retention_days
      with_state                 = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.required]
}
