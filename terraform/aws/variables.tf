variable "aws_region" {
  description = "AWS region of the buckets and the Glue catalog, e.g. eu-west-1: the job's --awsRegion."
  type        = string
}

variable "lake_bucket_name" {
  description = "Name of the data-lake bucket (globally unique) that holds the source tables' files, one folder per table under var.lake_prefix."
  type        = string
}

variable "lake_prefix" {
  description = "Key prefix of the source tables' folders in the lake bucket: empty, or ending in a slash. The table erp_sales is read from s3://<lake>/<lake_prefix>erp_sales/."
  type        = string
  default     = "demandcast/"

  validation {
    condition     = var.lake_prefix == "" || (endswith(var.lake_prefix, "/") && !startswith(var.lake_prefix, "/"))
    error_message = "lake_prefix must be empty or a key prefix ending in '/' without a leading '/', e.g. demandcast/."
  }
}

variable "output_bucket_name" {
  description = "Name of the bucket (globally unique) for the job's outputs (under var.output_prefix) and temporary files (under temp/)."
  type        = string
}

variable "output_prefix" {
  description = "Key prefix the job writes its outputs under in the output bucket, ending in a slash."
  type        = string
  default     = "demandcast/"

  validation {
    condition     = endswith(var.output_prefix, "/") && !startswith(var.output_prefix, "/") && var.output_prefix != "temp/"
    error_message = "output_prefix must be a key prefix ending in '/' without a leading '/', other than temp/."
  }
}

variable "glue_database_name" {
  description = "Glue database of the source tables: the <database> of glue://<database>.<table>."
  type        = string
  default     = "demandcast"

  validation {
    condition     = can(regex("^[a-z0-9_]{1,255}$", var.glue_database_name))
    error_message = "The Glue database name must be lower-case letters, digits and underscores (Athena and Hive fold names to lower case)."
  }
}

variable "role_name" {
  description = "Name of the IAM role the job runs as."
  type        = string
  default     = "demandcast-job"
}

variable "trusted_services" {
  description = "AWS service principals that may assume the job's role, e.g. ecs-tasks.amazonaws.com for an ECS task or ec2.amazonaws.com for an instance profile."
  type        = list(string)
  default     = ["ecs-tasks.amazonaws.com"]
}

variable "trusted_role_arns" {
  description = "IAM roles (or users) that may assume the job's role, e.g. a CI role or an EKS pod role; empty for none."
  type        = list(string)
  default     = []
}

variable "temp_retention_days" {
  description = "Days after which objects under temp/ in the output bucket, and unfinished multipart uploads in both buckets, are deleted."
  type        = number
  default     = 7
}

variable "noncurrent_version_retention_days" {
  description = "Days a replaced or deleted object's old version is kept (the buckets are versioned) before it is deleted."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags added to every resource, besides app = demandcast."
  type        = map(string)
  default     = {}
}
