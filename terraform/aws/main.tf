# demandcast on AWS: the data lake the source tables are read from and a bucket for the job's
# outputs and temporary files (s3.tf), the Glue Data Catalog tables over the lake that
# glue://<database>.<table> sources name (glue.tf), and the IAM role the job runs as (iam.tf).

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = merge({ app = "demandcast" }, var.tags)
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
}
