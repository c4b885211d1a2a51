package io.batchscore.core.report;

import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.StringOutput;
import io.batchscore.core.metrics.JobMetrics;
import io.batchscore.core.report.jte.JtereportGenerated;
import io.batchscore.core.report.jte.JtestyleGenerated;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Renders {@link ReportData} as one self-contained HTML page through the {@code report.jte}
 * template (compiled to a class at build time by jte, escaping every value): inline CSS and inline SVG, no script
 * and nothing fetched, so it opens offline and from a zip. The same stylesheet ({@link #css()})
 * gives the studio's pages their look.
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
    // the template's generated class is called directly (as a TemplateEngine would, without its
    // reflection and class loading at the end of a job); OwaspHtmlTemplateOutput escapes
    StringOutput out = new StringOutput(32 * 1024);
    JtereportGenerated.render(new OwaspHtmlTemplateOutput(out), null, view(r));
    return out.toString();
  }

  /**
   * @return the stylesheet shared by the report and the studio's pages: the content of the
   *     {@code <style>} element that {@code style.jte} writes into the report
   */
  public static String css() {
    StringOutput out = new StringOutput(8 * 1024);
    JtestyleGenerated.render(new OwaspHtmlTemplateOutput(out), null);
    String element = out.toString().strip();
    return element.substring("<style>".length(), element.length() - "</style>".length()).strip()
        + "\n";
  }

  static ReportView view(ReportData r) {
    long items = r.itemsSucceeded() + r.itemsFailed();
    double seconds = r.duration().toNanos() / 1e9;
    List<ReportView.Card> cards =
        List.of(
            new ReportView.Card("items", count(items)),
            new ReportView.Card("succeeded", count(r.itemsSucceeded())),
            new ReportView.Card("failed", count(r.itemsFailed())),
            new ReportView.Card("mini-batches", count(r.miniBatches())),
            new ReportView.Card("duration", Durations.human(r.duration().toNanos())),
            new ReportView.Card(
                "items/s",
                seconds <= 0 ? "-" : String.format(Locale.ROOT, "%,.1f", items / seconds)));

    List<ThroughputSeries.Point> pts = r.throughput();
    double[] xs = new double[pts.size()];
    double[] ys = new double[pts.size()];
    for (int i = 0; i < pts.size(); i++) {
      xs[i] = pts.get(i).seconds();
      ys[i] = pts.get(i).itemsPerSecond();
    }
    Chart throughput =
        Svg.stepChart(
            xs, ys, "seconds since start", "items/s", "items per second over the job's run");

    List<String> outcomes = outcomes(r.latencies());
    List<ReportView.Percentiles> percentiles = new ArrayList<>();
    for (String o : outcomes) {
      HistogramSnapshot h = r.latencies().get(o);
      percentiles.add(
          new ReportView.Percentiles(
              o,
              count(h.count()),
              Durations.human(h.mean(TimeUnit.NANOSECONDS)),
              Durations.human(percentile(h, 0.5)),
              Durations.human(percentile(h, 0.9)),
              Durations.human(percentile(h, 0.99)),
              Durations.human(h.max(TimeUnit.NANOSECONDS))));
    }

    List<String> deviceNotes = new ArrayList<>();
    Chart utilisation = utilisation(r.workers(), r.duration().toNanos(), deviceNotes);

    Map<String, String> settings = new LinkedHashMap<>();
    r.settings().forEach((k, v) -> settings.put(Html.printable(k), Html.printable(v)));
    Map<String, String> counters = new LinkedHashMap<>();
    r.counters().forEach((k, v) -> counters.put(Html.printable(k), count(v)));
    List<ReportData.FailedItem> failures =
        r.failures().stream()
            .map(
                f ->
                    new ReportData.FailedItem(
                        Html.printable(f.miniBatch()),
                        Html.printable(f.item()),
                        Html.printable(f.reason())))
            .toList();

    return new ReportView(
        Html.printable(r.title()),
        Html.printable(r.status()),
        Html.printable(r.status().toLowerCase(Locale.ROOT)),
        Html.printable(r.reason()),
        cards,
        Html.printable(r.started()),
        throughput,
        pts.size(),
        latency(r.latencies(), outcomes),
        outcomes,
        percentiles,
        utilisation,
        deviceNotes,
        settings,
        counters,
        failures,
        count(failures.size()),
        count(r.failuresTotal()),
        r.failuresTotal() > failures.size());
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** @return the published percentile {@code q} in nanoseconds, at most the maximum; 0 if none */
  private static double percentile(HistogramSnapshot h, double q) {
    for (ValueAtPercentile v : h.percentileValues()) {
      if (v.percentile() == q) {
        return Math.min(v.value(TimeUnit.NANOSECONDS), h.max(TimeUnit.NANOSECONDS));
      }
    }
    return 0;
  }

  private static List<String> outcomes(Map<String, HistogramSnapshot> byOutcome) {
    List<String> outcomes = new ArrayList<>();
    for (String o : OUTCOMES) {
      if (byOutcome.containsKey(o) && byOutcome.get(o).count() > 0) {
        outcomes.add(o);
      }
    }
    for (String o : byOutcome.keySet()) {
      if (!outcomes.contains(o) && byOutcome.get(o).count() > 0) {
        outcomes.add(Html.printable(o));
      }
    }
    return outcomes;
  }

  /**
   * @return the runs in each bucket of {@code h}'s histogram: bucket {@code i} holds the
   *     durations above bound {@code i - 1} and up to bound {@code i}; the last, those above every
   *     bound
   */
  private static long[] bucketCounts(HistogramSnapshot h) {
    CountAtBucket[] cumulative = h.histogramCounts();
    long[] counts = new long[cumulative.length + 1];
    double below = 0;
    for (int i = 0; i < cumulative.length; i++) {
      counts[i] = Math.round(cumulative[i].count() - below);
      below = cumulative[i].count();
    }
    counts[cumulative.length] = Math.max(0, h.count() - Math.round(below));
    return counts;
  }

  private static double lowerNanos(CountAtBucket[] bounds, int bucket) {
    return bucket == 0 ? 0 : bounds[bucket - 1].bucket(TimeUnit.NANOSECONDS);
  }

  private static double upperNanos(CountAtBucket[] bounds, int bucket) {
    return bucket == bounds.length
        ? Double.POSITIVE_INFINITY
        : bounds[bucket].bucket(TimeUnit.NANOSECONDS);
  }

  private static Chart latency(Map<String, HistogramSnapshot> byOutcome, List<String> outcomes) {
    List<long[]> counts = outcomes.stream().map(o -> bucketCounts(byOutcome.get(o))).toList();
    // every outcome's timer has the same bounds (JobMetrics' log-scaled buckets)
    CountAtBucket[] bounds =
        outcomes.isEmpty()
            ? new CountAtBucket[0]
            : byOutcome.get(outcomes.get(0)).histogramCounts();
    int first = -1;
    int last = -1;
    for (int b = 0; b <= bounds.length; b++) {
      for (long[] c : counts) {
        if (c[b] > 0) {
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
        tip.append(Durations.human(lowerNanos(bounds, b)))
            .append(" to ")
            .append(Durations.human(upperNanos(bounds, end)));
        for (int s = 0; s < outcomes.size(); s++) {
          long c = 0;
          for (int k = b; k <= end; k++) {
            c += counts.get(s)[k];
          }
          values[s] = c;
          if (c > 0) {
            tip.append(", ").append(outcomes.get(s)).append(" ").append(c);
          }
        }
        bars.add(new Svg.Bar(Durations.human(lowerNanos(bounds, b)), values, tip.toString()));
      }
    }
    List<String> classes = outcomes.stream().map(o -> "s-" + o).toList();
    return Svg.stackedBars(
        bars,
        classes,
        "time in Scorer.run per attempt (log scale)",
        "runs",
        "histogram of run durations");
  }

  private static Chart utilisation(
      List<JobMetrics.WorkerBusy> workers, long wallNanos, List<String> deviceNotes) {
    List<Svg.Row> rows = new ArrayList<>();
    Map<String, long[]> byDevice = new java.util.TreeMap<>();
    for (JobMetrics.WorkerBusy w : workers) {
      double f = wallNanos <= 0 ? 0 : (double) w.busyNanos() / wallNanos;
      rows.add(
          new Svg.Row(
              w.worker() + " (" + w.device() + ")",
              f,
              String.format(
                  Locale.ROOT,
                  "%.0f %%  %s busy, %,d runs",
                  100 * f,
                  Durations.human(w.busyNanos()),
                  w.runs())));
      long[] acc = byDevice.computeIfAbsent(w.device(), k -> new long[2]);
      acc[0] += w.busyNanos();
      acc[1]++;
    }
    for (Map.Entry<String, long[]> e : byDevice.entrySet()) {
      double f = wallNanos <= 0 ? 0 : (double) e.getValue()[0] / (e.getValue()[1] * wallNanos);
      deviceNotes.add(
          Html.printable(e.getKey())
              + ": "
              + String.format(Locale.ROOT, "%.0f %% over %d worker(s)", 100 * f, e.getValue()[1]));
    }
    return Svg.fractionRows(rows, "share of the job's wall time each worker spent in run");
  }
}
