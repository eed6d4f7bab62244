# The role the job runs as, with one inline policy of named actions on named resources: read the
# lake's source files, look the source tables up in Glue, write under the output prefix and
# manage its temporary files. No wildcard actions and no "*" resources.

data "aws_iam_policy_document" "assume" {
  statement {
    sid     = "AssumedByTheJobsRuntime"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = var.trusted_services
    }

    dynamic "principals" {
      for_each = length(var.trusted_role_arns) > 0 ? [var.trusted_role_arns] : []
      content {
        type        = "AWS"
        identifiers = principals.value
      }
    }
  }
}

resource "aws_iam_role" "job" {
  name                 = var.role_name
  description          = "Runs demandcast: reads the source tables of Glue database ${var.glue_database_name} from s3://${var.lake_bucket_name}, writes to s3://${var.output_bucket_name}"
  assume_role_policy   = data.aws_iam_policy_document.assume.json
  max_session_duration = 3600
}

data "aws_iam_policy_document" "job" {
  # the source files: list the tables' folders, read their objects
  statement {
    sid       = "ListLakeTableFolders"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.lake.arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.lake_prefix}*"]
    }
  }

  statement {
    sid       = "ReadLakeTableFiles"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.lake.arn}/${var.lake_prefix}*"]
  }

  # the Glue lookups (GetTable; the others for tools that list or inspect the tables)
  statement {
    sid    = "ReadGlueSourceTables"
    effect = "Allow"
    actions = [
      "glue:GetDatabase",
      "glue:GetPartitions",
      "glue:GetTable",
      "glue:GetTables",
    ]
    resources = [
      "arn:${local.partition}:glue:${var.aws_region}:${local.account_id}:catalog",
      aws_glue_catalog_database.demandcast.arn,
      aws_glue_catalog_table.erp_items.arn,
      aws_glue_catalog_table.erp_sales.arn,
      aws_glue_catalog_table.erp_inventory.arn,
      aws_glue_catalog_table.erp_purchase_orders.arn,
      aws_glue_catalog_table.iot_readings.arn,
      aws_glue_catalog_table.logistics_shipments.arn,
    ]
  }

  # the output bucket: list the output and temp folders only
  statement {
    sid       = "ListOutputFolders"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.output.arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.output_prefix}*", "temp/*"]
    }
  }

  # outputs: written (and read back), never deleted by the job
  statement {
    sid    = "WriteOutputs"
    effect = "Allow"
    actions = [
      "s3:AbortMultipartUpload",
      "s3:GetObject",
      "s3:PutObject",
    ]
    resources = ["${aws_s3_bucket.output.arn}/${var.output_prefix}*"]
  }

  # temporary files: written, read and deleted
  statement {
    sid    = "ManageTempFiles"
    effect = "Allow"
    actions = [
      "s3:AbortMultipartUpload",
      "s3:DeleteObject",
      "s3:GetObject",
      "s3:PutObject",
    ]
    resources = ["${aws_s3_bucket.output.arn}/temp/*"]
  }
}

resource "aws_iam_role_policy" "job" {
  name   = "demandcast-job"
  role   = aws_iam_role.job.id
  policy = data.aws_iam_policy_document.job.json
}
