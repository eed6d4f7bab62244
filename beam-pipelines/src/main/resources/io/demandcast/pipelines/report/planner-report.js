/*
 * demandcast planner report: glue between the page's data (the JSON in #report-data, written by
 * PlannerPage) and its libraries. Tabulator does the table's sorting, filtering and rendering,
 * Chart.js the charts; this script only configures them, formats numbers as ReportFormat does and
 * fills the SKU panel. Every value from the warehouse is set as text, never as HTML.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("report-data").textContent);
  var CONFIG = JSON.parse(document.getElementById("report-config").textContent);
  var NONE = "\u2014";

  // rows and panels come as arrays in the order of rowFields and panelFields (PlannerPage#json)
  function objects(fields, arrays) {
    return arrays.map(function (values) {
      var o = {};
      fields.forEach(function (f, i) { o[f] = values[i]; });
      return o;
    });
  }
  DATA.rows = objects(DATA.rowFields, DATA.rows);
  DATA.panels = objects(DATA.panelFields, DATA.panels);
  DATA.panels.forEach(function (p) { p.more = objects(DATA.moreColumns, [p.more])[0]; });

  // the same rounding (half away from zero) and grouping as ReportFormat
  var QUANTITY = new Intl.NumberFormat("en-US", {maximumFractionDigits: 2, signDisplay: "negative"});
  var AMOUNT = new Intl.NumberFormat("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2});
  var DAYS = new Intl.NumberFormat("en-US", {maximumFractionDigits: 0, signDisplay: "negative"});
  var SHARE = new Intl.NumberFormat("en-US", {minimumFractionDigits: 3, maximumFractionDigits: 3});

  function format(kind, value) {
    if (value === null || value === undefined || value === "") {
      return NONE;
    }
    switch (kind) {
      case "quantity": return QUANTITY.format(value);
      case "days": return DAYS.format(value);
      case "share": return SHARE.format(value);
      case "money": {
        var digits = AMOUNT.format(Math.abs(value));
        return (value < 0 && digits !== "0.00" ? "-" : "") + DATA.currency + digits;
      }
      default: return String(value);
    }
  }

  function element(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    if (className) {
      e.className = className;
    }
    return e;
  }

  function termLink(text, term) {
    var a = element("a", text, "term");
    a.href = "#g-" + term;
    return a;
  }

  // ---- the order table ----------------------------------------------------------------------

  var reasonKinds = [];
  DATA.rows.forEach(function (row) {
    row.reasonKinds.forEach(function (kind) {
      if (reasonKinds.indexOf(kind) < 0) {
        reasonKinds.push(kind);
      }
    });
  });
  reasonKinds.sort();

  function textItem(label) {
    return element("span", label);
  }

  var columns = CONFIG.columns.map(function (c) {
    var numeric = c.kind !== "text";
    var column = {
      title: c.title,
      field: c.field,
      headerTooltip: c.tooltip,
      hozAlign: numeric ? "right" : "left",
      sorter: numeric ? "number" : "string",
      headerSortStartingDir: numeric ? "desc" : "asc",
      formatter: function (cell) {
        return document.createTextNode(format(c.kind, cell.getValue()));
      }
    };
    if (numeric) {
      column.headerWordWrap = true;
      column.width = c.kind === "money" ? 124 : 86;
    }
    if (c.field === "sku") {
      column.frozen = true;
    }
    if (c.field === "supplier") {
      column.width = 190;
      column.tooltip = true;
    }
    if (c.field === "location" || c.field === "abc") {
      column.width = c.field === "abc" ? 76 : 110;
    }
    if (c.field === "reason") {
      column.minWidth = 280;
      column.tooltip = true;
    }
    if (c.filter === "list") {
      column.headerFilter = "list";
      column.headerFilterParams = {
        valuesLookup: "all", sort: "asc", clearable: true, autocomplete: true,
        listOnEmpty: true, allowEmpty: true, itemFormatter: textItem
      };
      column.headerFilterFunc = "=";
      column.headerFilterPlaceholder = "all";
    } else if (c.filter === "reason") {
      column.headerFilter = "list";
      column.headerFilterParams = {
        values: reasonKinds, clearable: true, autocomplete: true, listOnEmpty: true,
        allowEmpty: true, itemFormatter: textItem
      };
      column.headerFilterFunc = function (kind, value, row) {
        return row.reasonKinds.indexOf(kind) >= 0;
      };
      column.headerFilterPlaceholder = "any";
    }
    return column;
  });

  var table = new Tabulator("#order-table", {
    data: DATA.rows,
    index: "id",
    columns: columns,
    layout: "fitDataStretch",
    columnDefaults: {headerHozAlign: "left"},
    maxHeight: "560px",
    initialSort: [{column: "value", dir: "desc"}],
    initialFilter: [{field: "orderNow", type: "=", value: true}],
    placeholder: "No recommendation matches the filters.",
    selectableRows: 1
  });

  var search = document.getElementById("search");
  var ordersOnly = document.getElementById("orders-only");
  var rowCount = document.getElementById("row-count");

  function applyFilters() {
    var query = search.value.trim().toLowerCase();
    var filters = [];
    if (ordersOnly.checked) {
      filters.push({field: "orderNow", type: "=", value: true});
    }
    if (query) {
      // SKU or supplier: Tabulator's "or" of two "like" filters
      filters.push([{field: "sku", type: "like", value: query},
        {field: "supplier", type: "like", value: query}]);
    }
    table.setFilter(filters);
  }

  search.addEventListener("input", applyFilters);
  ordersOnly.addEventListener("change", applyFilters);
  document.getElementById("clear-filters").addEventListener("click", function () {
    search.value = "";
    ordersOnly.checked = false;
    table.clearHeaderFilter();
    applyFilters();
  });
  table.on("dataFiltered", function (filters, rows) {
    rowCount.textContent = rows.length.toLocaleString("en-US") + " of "
      + DATA.rows.length.toLocaleString("en-US") + " shown";
  });
  table.on("tableBuilt", function () {
    rowCount.textContent = table.getDataCount("active").toLocaleString("en-US") + " of "
      + DATA.rows.length.toLocaleString("en-US") + " shown";
    document.body.setAttribute("data-table-ready", "true");
  });
  table.on("rowClick", function (e, row) {
    showPanel(row.getData().id, true);
  });

  // ---- charts -------------------------------------------------------------------------------

  var COLOURS = {
    history: "#444444", mean: "#1f6fb4", median: "#1f6fb4", band: "rgba(158, 197, 232, 0.55)",
    position: "#7f8c8d", withOrder: "#1f6fb4", onHand: "#27ae60", safety: "#e67e22",
    reorder: "#c0392b"
  };

  /** Sales history and forecast of a row, units per period, on the page's shared period axis. */
  function historyChart(canvas, id) {
    var p = DATA.panels[id];
    var starts = [];
    if (p.history0 >= 0) {
      starts.push(p.history0);
    }
    if (p.forecast0 >= 0) {
      starts.push(p.forecast0);
    }
    var from = starts.length ? Math.min.apply(null, starts) : 0;
    var to = Math.max(from, p.history0 + p.history.length, p.forecast0 + p.mean.length);
    var labels = DATA.labels.slice(from, to);
    function aligned(values, start) {
      var out = labels.map(function () { return null; });
      values.forEach(function (v, i) { out[start - from + i] = v; });
      return out;
    }
    var unit = CONFIG.unit;
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: labels,
        datasets: [
          {label: "p10", data: aligned(p.p10, p.forecast0), borderWidth: 0, pointRadius: 0,
            fill: false, borderColor: COLOURS.band},
          {label: "forecast p10\u2013p90 band", data: aligned(p.p90, p.forecast0), borderWidth: 0,
            pointRadius: 0, fill: "-1", backgroundColor: COLOURS.band, borderColor: COLOURS.band},
          {label: "forecast mean", data: aligned(p.mean, p.forecast0), borderColor: COLOURS.mean,
            backgroundColor: COLOURS.mean, borderWidth: 2, pointRadius: 0},
          {label: "forecast median (p50)", data: aligned(p.p50, p.forecast0),
            borderColor: COLOURS.median, borderDash: [4, 4], borderWidth: 1, pointRadius: 0},
          {label: CONFIG.adjective + " sales", data: aligned(p.history, p.history0),
            borderColor: COLOURS.history, backgroundColor: COLOURS.history, borderWidth: 1.5,
            pointRadius: 2}
        ]
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        spanGaps: false,
        plugins: {
          legend: {labels: {filter: function (item) { return item.text !== "p10"; }}},
          tooltip: {callbacks: {label: function (ctx) {
            return ctx.dataset.label + ": " + format("quantity", ctx.parsed.y);
          }}}
        },
        scales: {
          y: {beginAtZero: true, title: {display: true, text: "units per " + unit}},
          x: {ticks: {maxTicksLimit: 16}}
        }
      }
    });
  }

  /** The projected stock of a row over its protection interval, all in units. */
  function projectionChart(canvas, id) {
    var row = DATA.rows[id];
    var p = DATA.panels[id].projection;
    function points(pairs) {
      return pairs.map(function (pair) { return {x: pair[0], y: pair[1]}; });
    }
    function flat(value) {
      return [{x: 0, y: value}, {x: p.days, y: value}];
    }
    var datasets = [
      {label: "inventory position, today's order included", data: points(p.withOrder),
        borderColor: COLOURS.withOrder, borderWidth: 2},
      {label: "inventory position without today's order", data: points(p.position),
        borderColor: COLOURS.position, borderDash: [6, 3], borderWidth: 1.5},
      {label: "stock on hand (orders arrive)", data: points(p.onHand), borderColor: COLOURS.onHand,
        borderWidth: 2},
      {label: "reorder point", data: flat(row.reorderPoint), borderColor: COLOURS.reorder,
        borderWidth: 1.5, borderDash: [2, 2]},
      {label: "safety stock", data: flat(row.safetyStock), borderColor: COLOURS.safety,
        borderWidth: 1.5, borderDash: [2, 2]}
    ];
    datasets.forEach(function (d) {
      d.pointRadius = 0;
      d.fill = false;
      d.backgroundColor = d.borderColor;
    });
    return new Chart(canvas, {
      type: "line",
      data: {datasets: datasets},
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          tooltip: {callbacks: {label: function (ctx) {
            return ctx.dataset.label + ": " + format("quantity", ctx.parsed.y) + " units on day "
              + format("days", ctx.parsed.x);
          }}}
        },
        scales: {
          x: {type: "linear", min: 0, max: p.days,
            title: {display: true, text: "days from the start of the first forecast period"}},
          y: {title: {display: true, text: "units"}}
        }
      }
    });
  }

  // ---- the SKU panel ------------------------------------------------------------------------

  var panel = document.getElementById("sku-panel");
  var panelCharts = [];

  function figure(parent, caption, captionTerm) {
    var fig = element("figure");
    var box = element("div", null, "chart-box");
    var canvas = element("canvas");
    box.appendChild(canvas);
    fig.appendChild(box);
    var cap = element("figcaption");
    cap.appendChild(document.createTextNode(caption + " "));
    cap.appendChild(termLink("(glossary)", captionTerm));
    fig.appendChild(cap);
    parent.appendChild(fig);
    return canvas;
  }

  function explanationTable(parent, name, explanation) {
    var wrapper = element("div", null, "explanation");
    wrapper.appendChild(element("h4", name));
    var t = element("table", null, "explanation");
    var head = element("tr");
    explanation.columns.forEach(function (c) { head.appendChild(element("th", c)); });
    var thead = element("thead");
    thead.appendChild(head);
    t.appendChild(thead);
    var body = element("tbody");
    explanation.rows.forEach(function (values) {
      var tr = element("tr");
      values.forEach(function (v) {
        tr.appendChild(element("td", typeof v === "number" ? format("quantity", v)
          : (v === null ? NONE : String(v)), typeof v === "number" ? "num" : null));
      });
      body.appendChild(tr);
    });
    t.appendChild(body);
    wrapper.appendChild(t);
    if (explanation.omitted > 0) {
      wrapper.appendChild(element("p", explanation.omitted + " more rows in the table " + name
        + " are not in this page.", "note"));
    }
    parent.appendChild(wrapper);
  }

  function showPanel(id, scroll) {
    var row = DATA.rows[id];
    var p = DATA.panels[id];
    panelCharts.forEach(function (c) { c.destroy(); });
    panelCharts = [];
    panel.textContent = "";
    panel.setAttribute("data-sku", row.sku);
    panel.setAttribute("data-location", row.location);

    var header = element("div", null, "panel-header");
    header.appendChild(element("h2", "SKU " + row.sku + " at " + row.location));
    var close = element("button", "close", "close");
    close.type = "button";
    close.addEventListener("click", function () { panel.hidden = true; });
    header.appendChild(close);
    panel.appendChild(header);
    if (row.description) {
      panel.appendChild(element("p", row.description, "description"));
    }

    var facts = element("dl", null, "facts");
    CONFIG.facts.forEach(function (f) {
      var pair = element("div");
      var dt = element("dt");
      dt.appendChild(termLink(f.label, f.term));
      pair.appendChild(dt);
      var dd = element("dd", format(f.kind, row[f.field]));
      dd.setAttribute("data-field", f.field);
      pair.appendChild(dd);
      facts.appendChild(pair);
    });
    panel.appendChild(facts);

    var charts = element("div", null, "panel-charts");
    panel.appendChild(charts);
    var history = figure(charts, CONFIG.adjective.charAt(0).toUpperCase() + CONFIG.adjective.slice(1)
      + " sales history and forecast (units per " + CONFIG.unit + "): mean, median and p10\u2013p90 band.",
      "forecast-band");
    history.id = "history-chart";
    var projection = figure(charts, "Projected stock over the lead time"
      + (row.reviewDays ? " and review period" : "") + " (units): today's order arrives on day "
      + format("quantity", p.projection.leadTime) + "; reorder point "
      + format("quantity", row.reorderPoint) + ", safety stock " + format("quantity", row.safetyStock)
      + (p.ordersDated ? "." : "; the open purchase orders' dates are unknown, so they are shown as "
      + "arrived on day 0."), "projected-stock");
    projection.id = "projection-chart";
    panelCharts.push(historyChart(history, id));
    panelCharts.push(projectionChart(projection, id));

    var explanations = element("div", null, "explanations");
    explanations.appendChild(element("h3", "Why this forecast and this order"));
    var tables = Object.keys(p.explanations);
    if (DATA.explanationTables.length === 0) {
      explanations.appendChild(element("p", "This warehouse has no forecast_explanations or "
        + "order_explanations table; the reason and the figures above are what the run recorded.",
        "note"));
    } else if (tables.length === 0) {
      explanations.appendChild(element("p", "No rows for this SKU in "
        + DATA.explanationTables.join(" or ") + ".", "note"));
    }
    tables.forEach(function (name) { explanationTable(explanations, name, p.explanations[name]); });
    panel.appendChild(explanations);

    var keys = Object.keys(p.more);
    if (keys.length) {
      var details = element("details", null, "more");
      details.appendChild(element("summary", "the recommendation's other columns"));
      var more = element("dl", null, "facts");
      keys.forEach(function (k) {
        var pair = element("div");
        pair.appendChild(element("dt", k));
        var v = p.more[k];
        pair.appendChild(element("dd", typeof v === "number" ? format("quantity", v)
          : (v === null ? NONE : String(v))));
        more.appendChild(pair);
      });
      details.appendChild(more);
      panel.appendChild(details);
    }

    panel.hidden = false;
    if (scroll) {
      panel.scrollIntoView({block: "start"});
    }
  }

  // ---- the largest series -------------------------------------------------------------------

  var top = document.getElementById("top-charts");
  if (top) {
    DATA.top.forEach(function (id) {
      var row = DATA.rows[id];
      var fig = element("figure", null, "top-chart");
      var cap = element("figcaption");
      cap.appendChild(document.createTextNode("SKU " + row.sku + " at " + row.location + " "));
      var open = element("button", "details", "details");
      open.type = "button";
      open.addEventListener("click", function () { showPanel(id, true); });
      cap.appendChild(open);
      fig.appendChild(cap);
      var box = element("div", null, "chart-box");
      var canvas = element("canvas");
      box.appendChild(canvas);
      fig.appendChild(box);
      top.appendChild(fig);
      historyChart(canvas, id);
    });
  }

  window.plannerReport = {table: table, showPanel: showPanel};
})();
