# The Glue Data Catalog database and one table per demandcast source table (ERP, IoT, logistics),
# over CSV files in the lake bucket: s3://<lake>/<lake_prefix><table>/. The job reads them as
# --source <table>=glue://<database>.<table>.
#
# The columns are the canonical source tables' (io.demandcast.connectors.schema.CanonicalTables)
# in their Hive types (STRING, INT, BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP, lower case as Glue
# stores them). TerraformTest (connectors module) fails when a table here differs from the code,
# or when demandcast's Glue source would refuse it.
#
# CSV layout, as demandcast's Glue source requires it: comma-separated, one header row naming the
# columns (skip.header.line.count = 1; demandcast finds the columns by the header's names), no
# partition keys. LazySimpleSerDe, so that Athena reads the same files with typed columns: write
# dates as yyyy-MM-dd and timestamps as yyyy-MM-dd HH:mm:ss (both read by demandcast too), leave a
# cell empty for NULL (serialization.null.format), and do not quote values (Athena's
# LazySimpleSerDe does not unquote; demandcast would). For Parquet files instead, see
# ../README.md.

locals {
  csv_input_format  = "org.apache.hadoop.mapred.TextInputFormat"
  csv_output_format = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"
  csv_serde         = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"

  csv_serde_parameters = {
    "field.delim"               = ","
    "serialization.format"      = ","
    "serialization.null.format" = ""
  }

  csv_table_parameters = {
    "classification"         = "csv"
    "skip.header.line.count" = "1"
    "EXTERNAL"               = "TRUE"
  }
}

resource "aws_glue_catalog_database" "demandcast" {
  name         = var.glue_database_name
  description  = "demandcast source tables: ERP, IoT and logistics files in the data lake"
  location_uri = "s3://${aws_s3_bucket.lake.bucket}/${var.lake_prefix}"
}

resource "aws_glue_catalog_table" "erp_items" {
  database_name = aws_glue_catalog_database.demandcast.name
  name          = "erp_items"
  description   = "source table, one row per sku"
  table_type    = "EXTERNAL_TABLE"
  parameters    = local.csv_table_parameters

  storage_descriptor {
    location      = "s3://${aws_s3_bucket.lake.bucket}/${var.lake_prefix}erp_items/"
    input_format  = local.csv_input_format
    output_format = local.csv_output_format

    ser_de_info {
      name                  = "csv"
      serialization_library = local.csv_serde
      parameters            = local.csv_serde_parameters
    }

    columns {
      name    = "sku"
      type    = "string"
      comment = "stock keeping unit"
    }

    columns {
      name    = "description"
      type    = "string"
      comment = "item description"
    }

    columns {
      name    = "category"
      type    = "string"
      comment = "item family used for segmenting"
    }

    columns {
      name    = "unit_cost"
      type    = "double"
      comment = "purchase cost, currency per unit"
    }

    columns {
      name    = "holding_cost_rate"
      type    = "double"
      comment = "holding cost per year as a fraction of unit cost"
    }

    columns {
      name    = "order_cost"
      type    = "double"
      comment = "fixed cost of placing one order, currency"
    }

    columns {
      name    = "case_pack"
      type    = "int"
      comment = "units per case; orders are multiples of it"
    }

    columns {
      name    = "moq"
      type    = "double"
      comment = "minimum order quantity, units"
    }

    columns {
      name    = "supplier"
      type    = "string"
      comment = "supplier (vendor) the item is bought from"
    }

    columns {
      name    = "ship_mode"
      type    = "string"
      comment = "usual shipment mode from the supplier, e.g. Air, Truck"
    }

    columns {
      name    = "shelf_life_days"
      type    = "int"
      comment = "shelf life in days; NULL when not perishable"
    }

    columns {
      name    = "review_period_days"
      type    = "int"
      comment = "days between periodic reviews: the item gets an (R, S) policy; NULL for continuous review"
    }

    columns {
      name    = "service_level"
      type    = "double"
      comment = "the item's own service target in (0, 1), in the run's service measure; NULL for the class or run target"
    }

    columns {
      name    = "lineage"
      type    = "string"
      comment = "where the row came from (file and line, or record id) and which fields are synthetic"
    }
  }
}

resource "aws_glue_catalog_table" "erp_sales" {
  database_name = aws_glue_catalog_database.demandcast.name
  name          = "erp_sales"
  description   = "source table, one row per sku x location x date"
  table_type    = "EXTERNAL_TABLE"
  parameters    = local.csv_table_parameters

  storage_descriptor {
    location      = "s3://${aws_s3_bucket.lake.bucket}/${var.lake_prefix}erp_sales/"
    input_format  = local.csv_input_format
    output_format = local.csv_output_format

    ser_de_info {
      name                  = "csv"
      serialization_library = local.csv_serde
      parameters            = local.csv_serde_parameters
    }

    columns {
      name    = "sku"
      type    = "string"
      comment = "stock keeping unit"
    }

    columns {
      name    = "location"
      type    = "string"
      comment = "selling or stocking location"
    }

    columns {
      name    = "date"
      type    = "date"
      comment = "day of the sale, or first day of the period it sums"
    }

    columns {
      name    = "quantity"
      type    = "double"
      comment = "units sold; NULL means not recorded (missing)"
    }

    columns {
      name    = "unit_price"
      type    = "double"
      comment = "selling price, currency per unit"
    }

    columns {
      name    = "promo"
      type    = "boolean"
      comment = "whether a promotion ran"
    }

    columns {
      name    = "lineage"
      type    = "string"
      comment = "where the row came from (file and line, or record id) and which fields are synthetic"
    }
  }
}

resource "aws_glue_catalog_table" "erp_inventory" {
  database_name = aws_glue_catalog_database.demandcast.name
  name          = "erp_inventory"
  description   = "source table, one row per sku x location x snapshot_date"
  table_type    = "EXTERNAL_TABLE"
  parameters    = local.csv_table_parameters

  storage_descriptor {
    location      = "s3://${aws_s3_bucket.lake.bucket}/${var.lake_prefix}erp_inventory/"
    input_format  = local.csv_input_format
    output_format = local.csv_output_format

    ser_de_info {
      name                  = "csv"
      serialization_library = local.csv_serde
      parameters            = local.csv_serde_parameters
    }

    columns {
      name    = "sku"
      type    = "string"
      comment = "stock keeping unit"
    }

    columns {
      name    = "location"
      type    = "string"
      comment = "stocking location"
    }

    columns {
      name    = "snapshot_date"
      type    = "date"
      comment = "day the stock was counted (end of day)"
    }

    columns {
      name    = "on_hand"
      type    = "double"
      comment = "units on hand"
    }

    columns {
      name    = "quarantined"
      type    = "double"
      comment = "units on hand held back from sale (quality hold)"
    }

    columns {
      name    = "lineage"
      type    = "string"
      comment = "where the row came from (file and line, or record id) and which fields are synthetic"
    }
  }
}

resource "aws_glue_catalog_table" "erp_purchase_orders" {
  database_name = aws_glue_catalog_database.demandcast.name
  name          = "erp_purchase_orders"
  description   = "source table, one row per purchase order line"
  table_type    = "EXTERNAL_TABLE"
  parameters    = local.csv_table_parameters

  storage_descriptor {
    location      = "s3://${aws_s3_bucket.lake.bucket}/${var.lake_prefix}erp_purchase_orders/"
    input_format  = local.csv_input_format
    output_format = local.csv_output_format

    ser_de_info {
      name                  = "csv"
      serialization_library = local.csv_serde
      parameters            = local.csv_serde_parameters
    }

    columns {
      name    = "po_id"
      type    = "string"
      comment = "purchase order line id"
    }

    columns {
      name    = "sku"
      type    = "string"
      comment = "stock keeping unit"
    }

    columns {
      name    = "location"
      type    = "string"
      comment = "receiving location"
    }

    columns {
      name    = "quantity"
      type    = "double"
      comment = "units ordered"
    }

    columns {
      name    = "order_date"
      type    = "date"
      comment = "day the order was placed"
    }

    columns {
      name    = "expected_date"
      type    = "date"
      comment = "day the goods are expected"
    }

    columns {
      name    = "received_date"
      type    = "date"
      comment = "day the goods arrived; NULL while open"
    }

    columns {
      name    = "status"
      type    = "string"
      comment = "open, received or cancelled"
    }

    columns {
      name    = "lineage"
      type    = "string"
      comment = "where the row came from (file and line, or record id) and which fields are synthetic"
    }
  }
}

resource "aws_glue_catalog_table" "iot_readings" {
  database_name = aws_glue_catalog_database.demandcast.name
  name          = "iot_readings"
  description   = "source table, one row per sensor x timestamp x metric"
  table_type    = "EXTERNAL_TABLE"
  parameters    = local.csv_table_parameters

  storage_descriptor {
    location      = "s3://${aws_s3_bucket.lake.bucket}/${var.lake_prefix}iot_readings/"
    input_format  = local.csv_input_format
    output_format = local.csv_output_format

    ser_de_info {
      name                  = "csv"
      serialization_library = local.csv_serde
      parameters            = local.csv_serde_parameters
    }

    columns {
      name    = "sensor_id"
      type    = "string"
      comment = "sensor id"
    }

    columns {
      name    = "location"
      type    = "string"
      comment = "location the sensor watches"
    }

    columns {
      name    = "sku"
      type    = "string"
      comment = "SKU the sensor watches; NULL for an area sensor"
    }

    columns {
      name    = "ts"
      type    = "timestamp"
      comment = "reading time, local time of the location"
    }

    columns {
      name    = "metric"
      type    = "string"
      comment = "what is measured, e.g. temperature_c, shelf_units"
    }

    columns {
      name    = "value"
      type    = "double"
      comment = "the reading, in the metric's unit"
    }

    columns {
      name    = "lineage"
      type    = "string"
      comment = "where the row came from (file and line, or record id) and which fields are synthetic"
    }
  }
}

resource "aws_glue_catalog_table" "logistics_shipments" {
  database_name = aws_glue_catalog_database.demandcast.name
  name          = "logistics_shipments"
  description   = "source table, one row per shipment line"
  table_type    = "EXTERNAL_TABLE"
  parameters    = local.csv_table_parameters

  storage_descriptor {
    location      = "s3://${aws_s3_bucket.lake.bucket}/${var.lake_prefix}logistics_shipments/"
    input_format  = local.csv_input_format
    output_format = local.csv_output_format

    ser_de_info {
      name                  = "csv"
      serialization_library = local.csv_serde
      parameters            = local.csv_serde_parameters
    }

    columns {
      name    = "shipment_id"
      type    = "string"
      comment = "shipment line id"
    }

    columns {
      name    = "sku"
      type    = "string"
      comment = "stock keeping unit; NULL when the line is not item-coded"
    }

    columns {
      name    = "supplier"
      type    = "string"
      comment = "supplier (vendor)"
    }

    columns {
      name    = "origin"
      type    = "string"
      comment = "where the goods left from"
    }

    columns {
      name    = "destination"
      type    = "string"
      comment = "where the goods went (location, or country)"
    }

    columns {
      name    = "mode"
      type    = "string"
      comment = "shipment mode, e.g. Air, Truck, Ocean"
    }

    columns {
      name    = "carrier"
      type    = "string"
      comment = "carrier or fulfilment channel"
    }

    columns {
      name    = "ship_date"
      type    = "date"
      comment = "day the purchase order was sent to the supplier"
    }

    columns {
      name    = "scheduled_date"
      type    = "date"
      comment = "day delivery was scheduled for"
    }

    columns {
      name    = "delivered_date"
      type    = "date"
      comment = "day the goods were delivered"
    }

    columns {
      name    = "quantity"
      type    = "double"
      comment = "units shipped"
    }

    columns {
      name    = "lineage"
      type    = "string"
      comment = "where the row came from (file and line, or record id) and which fields are synthetic"
    }
  }
}
