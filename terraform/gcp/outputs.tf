output "dataset" {
  description = "The output dataset as project.dataset."
  value       = "${var.project_id}.${google_bigquery_dataset.demandcast.dataset_id}"
}

output "output_uri" {
  description = "The value of demandcast's --output option for this dataset."
  value       = "bigquery://${var.project_id}/${google_bigquery_dataset.demandcast.dataset_id}"
}

output "output_tables" {
  description = "The output tables' ids (projects/<project>/datasets/<dataset>/tables/<table>), by table."
  value = {
    model_runs                = google_bigquery_table.model_runs.id
    demand_forecasts          = google_bigquery_table.demand_forecasts.id
    forecast_explanations     = google_bigquery_table.forecast_explanations.id
    forecast_accuracy         = google_bigquery_table.forecast_accuracy.id
    inventory_recommendations = google_bigquery_table.inventory_recommendations.id
    policy_simulation         = google_bigquery_table.policy_simulation.id
    rejected_records          = google_bigquery_table.rejected_records.id
  }
}

output "bucket" {
  description = "Name of the staging bucket."
  value       = google_storage_bucket.staging.name
}

output "temp_location" {
  description = "The value of the job's --tempLocation."
  value       = "gs://${google_storage_bucket.staging.name}/temp"
}

output "staging_location" {
  description = "Dataflow's --stagingLocation, for the Flex Template to come."
  value       = "gs://${google_storage_bucket.staging.name}/staging"
}

output "templates_prefix" {
  description = "Where the Flex Template spec files go, for the Flex Template to come."
  value       = "gs://${google_storage_bucket.staging.name}/templates/"
}

output "service_account_email" {
  description = "Email of the service account the job runs as."
  value       = google_service_account.job.email
}
