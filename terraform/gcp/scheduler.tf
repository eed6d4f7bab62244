# A Cloud Scheduler job that launches the demandcast Flex Template (dataflow/flex-template/) on a
# cron schedule, by POSTing to Dataflow's projects.locations.flexTemplates.launch REST method with
# an OAuth token of its own service account. Nothing here is created unless var.schedule is set.
#
# The scheduler's account holds the least it needs to launch a job that runs as the job's account:
#   - roles/dataflow.developer on the project (create Dataflow jobs; Dataflow has no narrower
#     resource to grant it on);
#   - roles/iam.serviceAccountUser on the job's service account only (act as it, to launch jobs
#     that run as it), never on the project.
# The job's account itself needs roles/dataflow.worker: set grant_dataflow_worker = true (the
# launch job refuses to be planned without it).

variable "schedule" {
  description = "Cron schedule of the Flex Template launch, e.g. \"0 3 * * 1\" (Mondays 03:00); empty (the default) creates no scheduler job, account or grant."
  type        = string
  default     = ""
}

variable "schedule_time_zone" {
  description = "Time zone of var.schedule, a tz database name such as Europe/Berlin."
  type        = string
  default     = "Etc/UTC"
}

variable "flex_template_gcs_path" {
  description = "gs:// path of the Flex Template spec the scheduler launches, as written by gcloud dataflow flex-template build, e.g. gs://<bucket>/templates/demandcast-run.json. Required with var.schedule."
  type        = string
  default     = ""
}

variable "flex_template_parameters" {
  description = "Template parameters of the scheduled run, by the names in dataflow/flex-template/metadata.json, e.g. { horizon = \"6\", source = \"erp_sales=bigquery://acme/erp.sales\" }; output defaults to this module's dataset."
  type        = map(string)
  default     = {}
}

variable "flex_template_job_name" {
  description = "Name of the Dataflow jobs the scheduler launches (lower-case letters, digits and hyphens)."
  type        = string
  default     = "demandcast-scheduled"

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]*[a-z0-9])?$", var.flex_template_job_name))
    error_message = "The job name must start with a letter and hold only lower-case letters, digits and hyphens."
  }
}

variable "scheduler_service_account_id" {
  description = "Account id (the part before @) of the service account Cloud Scheduler launches the template as."
  type        = string
  default     = "demandcast-scheduler"
}

locals {
  schedule_enabled = var.schedule != ""

  scheduler_member = "serviceAccount:${google_service_account.scheduler[0].email}"

  # The body of flexTemplates.launch: the template spec, the job's parameters (metadata.json's
  # names; output defaults to this module's dataset) and the environment the job runs in.
  flex_template_launch_body = {
    launchParameter = {
      jobName              = var.flex_template_job_name
      containerSpecGcsPath = var.flex_template_gcs_path
      parameters = merge(
        { output = "bigquery://${var.project_id}/${var.dataset_id}" },
        var.flex_template_parameters,
      )
      environment = {
        serviceAccountEmail = google_service_account.job.email
        tempLocation        = "gs://${google_storage_bucket.staging.name}/temp"
        stagingLocation     = "gs://${google_storage_bucket.staging.name}/staging"
      }
    }
  }
}

resource "google_project_service" "scheduler" {
  for_each = toset(local.schedule_enabled ? ["cloudscheduler.googleapis.com", "dataflow.googleapis.com"] : [])

  project            = var.project_id
  service            = each.value
  disable_on_destroy = false
}

resource "google_service_account" "scheduler" {
  count = local.schedule_enabled ? 1 : 0

  project      = var.project_id
  account_id   = var.scheduler_service_account_id
  display_name = "demandcast scheduler"
  description  = "Launches the demandcast Flex Template on schedule ${var.schedule}; the job runs as ${google_service_account.job.email}."
}

# Project level, as Dataflow requires: jobs belong to a project.
resource "google_project_iam_member" "scheduler_dataflow_developer" {
  count = local.schedule_enabled ? 1 : 0

  project = var.project_id
  role    = "roles/dataflow.developer"
  member  = local.scheduler_member
}

# On the job's service account only: launch jobs that run as it.
resource "google_service_account_iam_member" "scheduler_acts_as_job" {
  count = local.schedule_enabled ? 1 : 0

  service_account_id = google_service_account.job.name
  role               = "roles/iam.serviceAccountUser"
  member             = local.scheduler_member
}

resource "google_cloud_scheduler_job" "launch" {
  count = local.schedule_enabled ? 1 : 0

  project     = var.project_id
  region      = var.region
  name        = "demandcast-launch"
  description = "Launches the demandcast Flex Template ${var.flex_template_gcs_path}."
  schedule    = var.schedule
  time_zone   = var.schedule_time_zone

  retry_config {
    retry_count = 0
  }

  http_target {
    http_method = "POST"
    uri         = "https://dataflow.googleapis.com/v1b3/projects/${var.project_id}/locations/${var.region}/flexTemplates:launch"
    headers = {
      "Content-Type" = "application/json"
    }
    body = base64encode(jsonencode(local.flex_template_launch_body))

    oauth_token {
      service_account_email = google_service_account.scheduler[0].email
      scope                 = "https://www.googleapis.com/auth/cloud-platform"
    }
  }

  lifecycle {
    precondition {
      condition     = var.grant_dataflow_worker && var.flex_template_gcs_path != ""
      error_message = "A schedule needs flex_template_gcs_path (the template spec, gs://.../templates/demandcast-run.json) and grant_dataflow_worker = true (the job's account runs the Dataflow workers)."
    }
  }

  depends_on = [
    google_project_service.scheduler,
    google_project_iam_member.scheduler_dataflow_developer,
    google_service_account_iam_member.scheduler_acts_as_job,
  ]
}
