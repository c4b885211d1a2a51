package io.batchscore.core.report;

import io.batchscore.core.metrics.LatencyHistogram;
import io.batchscore.core.metrics.RunStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@link ReportData} as one self-contained HTML page: inline CSS and inline SVG, no
 * script and nothing fetched, so it opens offline and from a zip. Every text that comes from the
 * job (paths, reasons, names) is escaped.
 */
public final class ReportPage {

  private static final List<String> OUTCOMES = List.of("success", "error", "timeout");
  private static final int MAX_LATENCY_BARS = 40;

  private ReportPage() {}

  /**
   * @param r the job's data
   * @return the page
   */
  public static String render(ReportData r) {
    StringBuilder sb = new StringBuilder(32 * 1024);
    long items = r.itemsSucceeded() + r.itemsFailed();
    double seconds = r.duration().toNanos() / 1e9;
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>BatchScore job ").append(Html.escape(r.title())).append(": ")
        .append(Html.escape(r.status())).append("</title>\n<style>\n").append(CSS)
        .append("</style>\n</head>\n<body>\n<main>\n");

    sb.append("<header><h1>BatchScore job <span class=\"name\">").append(Html.escape(r.title()))
        .append("</span></h1><span class=\"status status-")
        .append(Html.escape(r.status().toLowerCase(Locale.ROOT))).append("\" id=\"status\">")
        .append(Html.escape(r.status())).append("</span></header>\n");
    if (!r.reason().isEmpty()) {
      sb.append("<p class=\"reason\">").append(Html.escape(r.reason())).append("</p>\n");
    }
    sb.append("<section class=\"cards\" id=\"counts\">\n");
    card(sb, "items", String.format(Locale.ROOT, "%,d", items));
    card(sb, "succeeded", String.format(Locale.ROOT, "%,d", r.itemsSucceeded()));
    card(sb, "failed", String.format(Locale.ROOT, "%,d", r.itemsFailed()));
    card(sb, "mini-batches", String.format(Locale.ROOT, "%,d", r.miniBatches()));
    card(sb, "duration", Durations.human(r.duration().toNanos()));
    card(sb, "items/s", seconds <= 0 ? "-" : String.format(Locale.ROOT, "%,.1f", items / seconds));
    sb.append("</section>\n<p class=\"muted\">started ").append(Html.escape(r.started()))
        .append("</p>\n");

    sb.append("<section id=\"throughput\"><h2>Throughput</h2>\n");
    List<ThroughputSeries.Point> pts = r.throughput();
    double[] xs = new double[pts.size()];
    double[] ys = new double[pts.size()];
    for (int i = 0; i < pts.size(); i++) {
      xs[i] = pts.get(i).seconds();
      ys[i] = pts.get(i).itemsPerSecond();
    }
    sb.append(Svg.stepChart(xs, ys, "seconds since start", "items/s",
        "items per second over the job's run"));
    sb.append("<p class=\"muted\">items with an outcome per second, sampled about every second (")
        .append(pts.size()).append(" points)</p></section>\n");

    sb.append("<section id=\"latency\"><h2>Mini-batch latency</h2>\n");
    latency(sb, r.latencies());
    sb.append("</section>\n");

    sb.append("<section id=\"utilisation\"><h2>Worker utilisation</h2>\n");
    utilisation(sb, r.workers(), r.duration().toNanos());
    sb.append("</section>\n");

    sb.append("<div class=\"two\"><section id=\"settings\"><h2>Settings</h2>\n<table class=\"kv\">\n");
    for (Map.Entry<String, String> e : r.settings().entrySet()) {
      sb.append("<tr><th>").append(Html.escape(e.getKey())).append("</th><td>")
          .append(Html.escape(e.getValue())).append("</td></tr>\n");
    }
    sb.append("</table></section>\n<section id=\"counters\"><h2>Runs</h2>\n<table class=\"kv\">\n");
    for (Map.Entry<String, Long> e : r.counters().entrySet()) {
      sb.append("<tr><th>").append(Html.escape(e.getKey())).append("</th><td>")
          .append(String.format(Locale.ROOT, "%,d", e.getValue())).append("</td></tr>\n");
    }
    sb.append("</table></section></div>\n");

    failures(sb, r);
    sb.append("<footer class=\"muted\">Written by BatchScore. Files beside this page: ")
        .append("job_result.txt, job_error.txt, metrics.json, metrics.prom, ")
        .append("sys/job_report/processed_mini-batches.csv, sys/job_report/failed_items.csv.")
        .append("</footer>\n</main>\n</body>\n</html>\n");
    return sb.toString();
  }

  private static void card(StringBuilder sb, String label, String value) {
    sb.append("<div class=\"card\"><div class=\"value\" data-count=\"").append(Html.escape(label))
        .append("\">").append(Html.escape(value)).append("</div><div class=\"label\">")
        .append(Html.escape(label)).append("</div></div>\n");
  }

  private static void latency(StringBuilder sb, Map<String, LatencyHistogram> byOutcome) {
    List<String> outcomes = new ArrayList<>();
    for (String o : OUTCOMES) {
      if (byOutcome.containsKey(o) && byOutcome.get(o).count() > 0) {
        outcomes.add(o);
      }
    }
    for (String o : byOutcome.keySet()) {
      if (!outcomes.contains(o) && byOutcome.get(o).count() > 0) {
        outcomes.add(o);
      }
    }
    int first = -1;
    int last = -1;
    for (int b = 0; b < LatencyHistogram.buckets(); b++) {
      for (String o : outcomes) {
        if (byOutcome.get(o).count(b) > 0) {
          first = first < 0 ? b : first;
          last = b;
        }
      }
    }
    List<Svg.Bar> bars = new ArrayList<>();
    if (first >= 0) {
      int span = last - first + 1;
      int merge = Math.max(1, (int) Math.ceil(span / (double) MAX_LATENCY_BARS));
      for (int b = first; b <= last; b += merge) {
        int end = Math.min(last, b + merge - 1);
        double[] values = new double[outcomes.size()];
        StringBuilder tip = new StringBuilder();
        tip.append(Durations.human(LatencyHistogram.lowerNanos(b))).append(" to ")
            .append(Durations.human(LatencyHistogram.upperNanos(end)));
        for (int s = 0; s < outcomes.size(); s++) {
          long c = 0;
          for (int k = b; k <= end; k++) {
            c += byOutcome.get(outcomes.get(s)).count(k);
          }
          values[s] = c;
          if (c > 0) {
            tip.append(", ").append(outcomes.get(s)).append(" ").append(c);
          }
        }
        bars.add(new Svg.Bar(Durations.human(LatencyHistogram.lowerNanos(b)), values,
            tip.toString()));
      }
    }
    List<String> classes = outcomes.stream().map(o -> "s-" + o).toList();
    sb.append(Svg.stackedBars(bars, classes, "time in Scorer.run per attempt (log scale)",
        "runs", "histogram of run durations"));
    sb.append("<div class=\"legend\">");
    for (String o : outcomes) {
      sb.append("<span><i class=\"sw s-").append(Html.escape(o)).append("\"></i>")
          .append(Html.escape(o)).append("</span>");
    }
    sb.append("</div>\n<table class=\"grid\" id=\"percentiles\"><tr><th>outcome</th><th>runs</th>")
        .append("<th>mean</th><th>p50</th><th>p90</th><th>p99</th><th>max</th></tr>\n");
    for (String o : outcomes) {
      LatencyHistogram h = byOutcome.get(o);
      sb.append("<tr><td>").append(Html.escape(o)).append("</td><td>")
          .append(String.format(Locale.ROOT, "%,d", h.count())).append("</td><td>")
          .append(Durations.human(h.totalNanos() / (double) h.count())).append("</td><td>")
          .append(Durations.human(h.percentileNanos(0.5))).append("</td><td>")
          .append(Durations.human(h.percentileNanos(0.9))).append("</td><td>")
          .append(Durations.human(h.percentileNanos(0.99))).append("</td><td>")
          .append(Durations.human(h.maxNanos())).append("</td></tr>\n");
    }
    sb.append("</table>\n<p class=\"muted\">percentiles from a log-scaled histogram, within about"
        + " 6 %; the exact per-mini-batch times are in sys/job_report/processed_mini-batches.csv"
        + "</p>\n");
  }

  private static void utilisation(StringBuilder sb, List<RunStats.WorkerBusy> workers,
      long wallNanos) {
    List<Svg.Row> rows = new ArrayList<>();
    Map<String, long[]> byDevice = new java.util.TreeMap<>();
    for (RunStats.WorkerBusy w : workers) {
      double f = wallNanos <= 0 ? 0 : (double) w.busyNanos() / wallNanos;
      rows.add(new Svg.Row(w.worker() + " (" + w.device() + ")", f,
          String.format(Locale.ROOT, "%.0f %%  %s busy, %,d runs", 100 * f,
              Durations.human(w.busyNanos()), w.runs())));
      long[] acc = byDevice.computeIfAbsent(w.device(), k -> new long[2]);
      acc[0] += w.busyNanos();
      acc[1]++;
    }
    sb.append(Svg.fractionRows(rows, "share of the job's wall time each worker spent in run"));
    sb.append("<p class=\"muted\">busy = time in Scorer.run / the job's wall time");
    for (Map.Entry<String, long[]> e : byDevice.entrySet()) {
      double f = wallNanos <= 0 ? 0 : (double) e.getValue()[0] / (e.getValue()[1] * wallNanos);
      sb.append("; ").append(Html.escape(e.getKey())).append(": ")
          .append(String.format(Locale.ROOT, "%.0f %% over %d worker(s)", 100 * f,
              e.getValue()[1]));
    }
    sb.append("</p>\n");
  }

  private static void failures(StringBuilder sb, ReportData r) {
    sb.append("<section id=\"failures\"><h2>Failed items (")
        .append(String.format(Locale.ROOT, "%,d", r.failuresTotal())).append(")</h2>\n");
    if (r.failures().isEmpty()) {
      sb.append("<p class=\"muted\">none</p></section>\n");
      return;
    }
    sb.append("<table class=\"grid failures\"><tr><th>mini-batch</th><th>item</th>")
        .append("<th>reason</th></tr>\n");
    for (ReportData.FailedItem f : r.failures()) {
      sb.append("<tr><td>").append(Html.escape(f.miniBatch())).append("</td><td class=\"item\">")
          .append(Html.escape(f.item())).append("</td><td class=\"why\">")
          .append(Html.escape(f.reason())).append("</td></tr>\n");
    }
    sb.append("</table>\n");
    if (r.failuresTotal() > r.failures().size()) {
      sb.append("<p class=\"note\" id=\"failures-capped\">showing the first ")
          .append(String.format(Locale.ROOT, "%,d", r.failures().size())).append(" of ")
          .append(String.format(Locale.ROOT, "%,d", r.failuresTotal()))
          .append("; all are in sys/job_report/failed_items.csv</p>\n");
    }
    sb.append("</section>\n");
  }

  private static final String CSS = """
      :root{--fg:#1d2430;--muted:#667085;--line:#d0d5dd;--bg:#f7f8fa;--ok:#1f9d55;--err:#d97706;
      --bad:#c62828;--accent:#2563eb}
      *{box-sizing:border-box}
      body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,
      "Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
      main{max-width:1040px;margin:0 auto;padding:24px}
      header{display:flex;align-items:center;gap:16px}
      h1{font-size:22px;margin:0}
      h2{font-size:16px;margin:0 0 8px}
      section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px;
      margin:16px 0}
      .status{padding:3px 12px;border-radius:999px;color:#fff;font-weight:600}
      .status-completed{background:var(--ok)}.status-failed{background:var(--bad)}
      .status-canceled{background:var(--muted)}
      .reason{color:var(--bad);font-weight:600}
      .cards{display:grid;grid-template-columns:repeat(6,1fr);gap:8px;background:none;border:0;
      padding:0}
      .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px}
      .card .value{font-size:20px;font-weight:600}.card .label{color:var(--muted)}
      .muted{color:var(--muted);font-size:12px}
      .note{color:var(--err);font-weight:600}
      .two{display:grid;grid-template-columns:1fr 1fr;gap:16px}
      .two section{margin:0}
      table{border-collapse:collapse;width:100%}
      th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
      table.kv th{width:40%;color:var(--muted);font-weight:500}
      td.item,td.why{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;
      word-break:break-all}
      svg.chart{width:100%;height:auto;display:block}
      svg .grid{stroke:#eaecf0}svg .axis,svg .tickmark{stroke:#98a2b3}
      svg text{font:11px system-ui,sans-serif;fill:#475467}
      svg .axis-label{font-size:12px;fill:#344054}
      svg .line{fill:none;stroke:var(--accent);stroke-width:2}
      svg .area{fill:var(--accent);opacity:.15}
      svg .empty{font-size:14px}
      .s-success{fill:var(--ok);background:var(--ok)}.s-error{fill:var(--err);background:var(--err)}
      .s-timeout{fill:var(--bad);background:var(--bad)}
      svg .track{fill:#eef2f6}svg .busy{fill:var(--accent)}
      .legend{display:flex;gap:16px;margin:4px 0 8px;font-size:12px}
      .legend .sw{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
      """;
}
