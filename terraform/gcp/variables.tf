variable "project_id" {
  description = "Google Cloud project that holds the dataset, the bucket and the service account, and that BigQuery jobs run in (and are billed to)."
  type        = string
}

variable "region" {
  description = "Region of the staging bucket (and of the Dataflow jobs to come), e.g. europe-west1; also the dataset's location unless bigquery_location is set."
  type        = string
  default     = "europe-west1"
}

variable "bigquery_location" {
  description = "Location of the BigQuery dataset when it is not var.region, e.g. the multi-region EU or US. It must be able to load from the staging bucket's region (a regional bucket inside the multi-region)."
  type        = string
  default     = null
}

variable "dataset_id" {
  description = "BigQuery dataset the job publishes its output tables and views to: the <dataset> of --output bigquery://<project>/<dataset>."
  type        = string
  default     = "demandcast"

  validation {
    condition     = can(regex("^[A-Za-z0-9_]{1,1024}$", var.dataset_id))
    error_message = "The dataset id must be 1 to 1024 letters, digits or underscores."
  }
}

variable "bucket_name" {
  description = "Name of the GCS staging bucket (globally unique): BigQueryIO's temporary files under temp/ (the job's --tempLocation), and later the Dataflow staging files and Flex Template spec."
  type        = string
}

variable "service_account_id" {
  description = "Account id (the part before @) of the service account the job runs as."
  type        = string
  default     = "demandcast-job"
}

variable "job_impersonators" {
  description = "Members allowed to run the job as its service account (roles/iam.serviceAccountTokenCreator on that account only), e.g. [\"group:planning-ops@example.com\"]."
  type        = list(string)
  default     = []
}

variable "grant_dataflow_worker" {
  description = "Grant the job's service account roles/dataflow.worker on the project: needed only when the job runs on Dataflow (it is a project-level role)."
  type        = bool
  default     = false
}

variable "temp_retention_days" {
  description = "Days after which objects under temp/ and staging/ in the bucket are deleted; a run needs them only while it runs."
  type        = number
  default     = 7
}

variable "noncurrent_version_retention_days" {
  description = "Days a replaced or deleted object's old version is kept (the bucket is versioned) before it is deleted."
  type        = number
  default     = 30
}

variable "deletion_protection" {
  description = "Whether Terraform refuses to destroy the output tables (and the rows in them)."
  type        = bool
  default     = true
}

variable "labels" {
  description = "Labels added to the dataset, its tables and the bucket, besides app = demandcast."
  type        = map(string)
  default     = {}
}
