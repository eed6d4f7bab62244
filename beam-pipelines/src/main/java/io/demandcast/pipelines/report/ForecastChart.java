package io.demandcast.pipelines.report;

import io.demandcast.pipelines.report.ReportData.ForecastBand;
import io.demandcast.pipelines.report.ReportData.HistoryBuckets;
import io.demandcast.pipelines.report.ReportData.PeriodSales;
import io.demandcast.pipelines.report.ReportData.SeriesChart;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The chart of one series: sales history (daily for a daily run, else monthly), the forecast
 * median with its p10-p90 band, and the reorder point as a horizontal line. Needs a
 * headless-capable AWT (set {@code java.awt.headless=true} before the first call on a server).
 */
final class ForecastChart {
  /** PNG width, pixels. */
  static final int WIDTH = 900;

  /** PNG height, pixels. */
  static final int HEIGHT = 320;

  private static final TimeZone UTC = TimeZone.getTimeZone(ZoneOffset.UTC);
  private static final Color HISTORY = new Color(0x44, 0x44, 0x44);
  private static final Color FORECAST = new Color(0x1f, 0x6f, 0xb4);
  private static final Color BAND = new Color(0x9e, 0xc5, 0xe8);
  private static final Color REORDER_POINT = new Color(0xc0, 0x39, 0x2b);

  private ForecastChart() {}

  /**
   * The chart of {@code series} as a {@value #WIDTH} x {@value #HEIGHT} PNG.
   *
   * @param series the series
   * @param buckets how its history is bucketed, for the legend and the date labels
   * @return the PNG bytes
   * @throws UncheckedIOException when the PNG cannot be encoded
   */
  static byte[] png(SeriesChart series, HistoryBuckets buckets) {
    XYSeries sales = new XYSeries("sales history (" + buckets.adjective() + ")");
    for (PeriodSales bucket : series.history()) {
      sales.add(epochMillis(bucket.start()), bucket.units());
    }
    YIntervalSeries forecast = new YIntervalSeries("forecast p50, p10-p90 band");
    for (ForecastBand band : series.forecast()) {
      forecast.add(epochMillis(band.periodStart()), band.p50(), band.p10(), band.p90());
    }
    YIntervalSeriesCollection forecastData = new YIntervalSeriesCollection();
    forecastData.addSeries(forecast);
    XYSeriesCollection salesData = new XYSeriesCollection(sales);

    DeviationRenderer forecastRenderer = new DeviationRenderer(true, false);
    forecastRenderer.setSeriesPaint(0, FORECAST);
    forecastRenderer.setSeriesFillPaint(0, BAND);
    forecastRenderer.setSeriesStroke(0, new BasicStroke(2.0f));
    forecastRenderer.setAlpha(0.5f);
    XYLineAndShapeRenderer salesRenderer = new XYLineAndShapeRenderer(true, true);
    salesRenderer.setSeriesPaint(0, HISTORY);
    salesRenderer.setSeriesStroke(0, new BasicStroke(1.5f));

    DateAxis time = new DateAxis(null, UTC, Locale.ROOT);
    SimpleDateFormat dates = new SimpleDateFormat(
        buckets.unit().equals("day") ? "d MMM yyyy" : "MMM yyyy", Locale.ROOT);
    dates.setTimeZone(UTC);
    time.setDateFormatOverride(dates);
    NumberAxis units = new NumberAxis("units per period");
    // A marker does not widen the axis by itself: keep zero and the reorder point in view.
    Range data =
        Range.combine(
            DatasetUtils.findRangeBounds(forecastData, true),
            DatasetUtils.findRangeBounds(salesData));
    Range shown = Range.expandToInclude(Range.expandToInclude(data, 0.0), series.reorderPoint());
    if (shown.getLength() == 0.0) {
      shown = new Range(shown.getLowerBound(), shown.getLowerBound() + 1.0);
    }
    units.setRange(Range.expand(shown, 0.0, 0.1));

    XYPlot plot = new XYPlot();
    plot.setDomainAxis(time);
    plot.setRangeAxis(units);
    plot.setDataset(0, forecastData);
    plot.setRenderer(0, forecastRenderer);
    plot.setDataset(1, salesData);
    plot.setRenderer(1, salesRenderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    ValueMarker reorderPoint =
        new ValueMarker(series.reorderPoint(), REORDER_POINT, new BasicStroke(1.5f));
    reorderPoint.setLabel("reorder point " + ReportHtml.units(series.reorderPoint()));
    reorderPoint.setLabelPaint(REORDER_POINT);
    reorderPoint.setLabelBackgroundColor(new Color(255, 255, 255, 200));
    reorderPoint.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    reorderPoint.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
    plot.addRangeMarker(reorderPoint);

    JFreeChart chart =
        new JFreeChart(
            series.sku() + " at " + series.location(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return png.toByteArray();
  }

  private static long epochMillis(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
