output "lake_bucket" {
  description = "Name of the data-lake bucket."
  value       = aws_s3_bucket.lake.bucket
}

output "output_bucket" {
  description = "Name of the output bucket."
  value       = aws_s3_bucket.output.bucket
}

output "glue_database" {
  description = "The Glue database of the source tables."
  value       = aws_glue_catalog_database.demandcast.name
}

output "source_uris" {
  description = "The job's --source values for the Glue tables, by source table: --source erp_sales=<uri>."
  value = {
    erp_items           = "glue://${aws_glue_catalog_database.demandcast.name}.${aws_glue_catalog_table.erp_items.name}"
    erp_sales           = "glue://${aws_glue_catalog_database.demandcast.name}.${aws_glue_catalog_table.erp_sales.name}"
    erp_inventory       = "glue://${aws_glue_catalog_database.demandcast.name}.${aws_glue_catalog_table.erp_inventory.name}"
    erp_purchase_orders = "glue://${aws_glue_catalog_database.demandcast.name}.${aws_glue_catalog_table.erp_purchase_orders.name}"
    iot_readings        = "glue://${aws_glue_catalog_database.demandcast.name}.${aws_glue_catalog_table.iot_readings.name}"
    logistics_shipments = "glue://${aws_glue_catalog_database.demandcast.name}.${aws_glue_catalog_table.logistics_shipments.name}"
  }
}

output "source_folders" {
  description = "Where each source table's CSV files go, by source table."
  value = {
    erp_items           = aws_glue_catalog_table.erp_items.storage_descriptor[0].location
    erp_sales           = aws_glue_catalog_table.erp_sales.storage_descriptor[0].location
    erp_inventory       = aws_glue_catalog_table.erp_inventory.storage_descriptor[0].location
    erp_purchase_orders = aws_glue_catalog_table.erp_purchase_orders.storage_descriptor[0].location
    iot_readings        = aws_glue_catalog_table.iot_readings.storage_descriptor[0].location
    logistics_shipments = aws_glue_catalog_table.logistics_shipments.storage_descriptor[0].location
  }
}

output "job_role_arn" {
  description = "ARN of the IAM role the job runs as."
  value       = aws_iam_role.job.arn
}
