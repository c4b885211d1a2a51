package io.batchscore.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lays out the job report's small inline SVG charts as {@link Chart} shapes (the
 * {@code chart.jte} template draws them): no script, no external file. Each chart scales to the
 * page's width through its {@code viewBox}.
 */
final class Svg {

  static final int WIDTH = 760;
  static final int HEIGHT = 260;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 14;
  private static final int BOTTOM = 42;

  private Svg() {}

  /**
   * One bar of a stacked bar chart.
   *
   * @param label the x-axis label under it (may be empty to skip)
   * @param values one value per series, stacked bottom-up
   * @param tooltip the text shown on hover
   */
  record Bar(String label, double[] values, String tooltip) {}

  /**
   * One row of a horizontal bar chart of fractions.
   *
   * @param label the row's name
   * @param fraction from 0 to 1
   * @param text shown right of the bar
   */
  record Row(String label, double fraction, String text) {}

  /**
   * A step chart: each point's value holds from the previous point's x to its own.
   *
   * @param xs the interval ends, ascending, from 0
   * @param ys the values over each interval
   * @param xLabel the x axis's name
   * @param yLabel the y axis's name
   * @param aria a description for screen readers
   * @return the chart
   */
  static Chart stepChart(double[] xs, double[] ys, String xLabel, String yLabel, String aria) {
    Shapes s = new Shapes();
    if (xs.length == 0) {
      return s.empty("chart-throughput", aria, "no samples");
    }
    double maxX = xs[xs.length - 1] <= 0 ? 1 : xs[xs.length - 1];
    double maxY = 0;
    for (double y : ys) {
      maxY = Math.max(maxY, y);
    }
    double[] yTicks = ticks(maxY <= 0 ? 1 : maxY);
    double topY = yTicks[yTicks.length - 1];
    axes(s, ticks(maxX), maxX, yTicks, xLabel, yLabel);
    StringBuilder path = new StringBuilder();
    double prevX = 0;
    path.append("M").append(fmt(x(0, maxX))).append(",").append(fmt(y(0, topY)));
    for (int i = 0; i < xs.length; i++) {
      double yy = y(ys[i], topY);
      path.append(" L").append(fmt(x(prevX, maxX))).append(",").append(fmt(yy));
      path.append(" L").append(fmt(x(xs[i], maxX))).append(",").append(fmt(yy));
      prevX = xs[i];
    }
    String line = path.toString();
    s.paths.add(
        new Chart.PathShape(
            "area", line + " L" + fmt(x(prevX, maxX)) + "," + fmt(y(0, topY)) + " Z"));
    s.paths.add(new Chart.PathShape("line", line));
    return s.chart("chart-throughput", HEIGHT, aria);
  }

  /**
   * A stacked bar chart.
   *
   * @param bars the bars, left to right
   * @param seriesClasses a CSS class per series (its colour)
   * @param xLabel the x axis's name
   * @param yLabel the y axis's name
   * @param aria a description for screen readers
   * @return the chart
   */
  static Chart stackedBars(
      List<Bar> bars, List<String> seriesClasses, String xLabel, String yLabel, String aria) {
    Shapes s = new Shapes();
    if (bars.isEmpty()) {
      return s.empty("chart-latency", aria, "no runs");
    }
    double maxY = 0;
    for (Bar b : bars) {
      double sum = 0;
      for (double v : b.values()) {
        sum += v;
      }
      maxY = Math.max(maxY, sum);
    }
    double[] yTicks = ticks(maxY <= 0 ? 1 : maxY);
    double topY = yTicks[yTicks.length - 1];
    axes(s, new double[0], 1, yTicks, xLabel, yLabel);
    double plotW = WIDTH - LEFT - RIGHT;
    double slot = plotW / bars.size();
    double barW = Math.max(1, slot * 0.85);
    int labelEvery = Math.max(1, (int) Math.ceil(bars.size() / 10.0));
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double x0 = LEFT + i * slot + (slot - barW) / 2;
      double base = 0;
      List<Chart.Rect> rects = new ArrayList<>();
      for (int k = 0; k < b.values().length; k++) {
        double v = b.values()[k];
        if (v <= 0) {
          continue;
        }
        double yTop = y(base + v, topY);
        double yBottom = y(base, topY);
        rects.add(
            new Chart.Rect(
                seriesClasses.get(k),
                fmt(x0),
                fmt(yTop),
                fmt(barW),
                fmt(Math.max(0.5, yBottom - yTop))));
        base += v;
      }
      s.groups.add(new Chart.Group(b.tooltip(), rects));
      if (i % labelEvery == 0 && !b.label().isEmpty()) {
        s.text("tick", LEFT + i * slot + slot / 2, HEIGHT - BOTTOM + 16, "middle", b.label());
      }
    }
    return s.chart("chart-latency", HEIGHT, aria);
  }

  /**
   * Horizontal bars of fractions from 0 to 100 %, one row each.
   *
   * @param rows the rows
   * @param aria a description for screen readers
   * @return the chart
   */
  static Chart fractionRows(List<Row> rows, String aria) {
    int rowH = 26;
    int labelW = 250;
    int textW = 240;
    int h = Math.max(1, rows.size()) * rowH + 24;
    Shapes s = new Shapes();
    if (rows.isEmpty()) {
      s.text("empty", WIDTH / 2.0, 40, "middle", "no workers ran");
      return s.chart("chart-utilisation", h, aria);
    }
    double barMax = WIDTH - labelW - textW;
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      double f = Math.max(0, Math.min(1, r.fraction()));
      int y = 8 + i * rowH;
      s.text("label", labelW - 8, y + 15, "end", r.label());
      s.rects.add(new Chart.Rect("track", fmt(labelW), fmt(y + 3), fmt(barMax), "16"));
      s.rects.add(new Chart.Rect("busy", fmt(labelW), fmt(y + 3), fmt(barMax * f), "16"));
      s.text("value", labelW + barMax + 8, y + 15, "start", r.text());
    }
    int axisY = 8 + rows.size() * rowH;
    for (int p = 0; p <= 100; p += 25) {
      s.text("tick", labelW + barMax * p / 100.0, axisY + 10, "middle", p + " %");
    }
    return s.chart("chart-utilisation", h, aria);
  }

  /** The shapes of one chart while it is drawn. */
  private static final class Shapes {
    final List<Chart.Line> lines = new ArrayList<>();
    final List<Chart.PathShape> paths = new ArrayList<>();
    final List<Chart.Group> groups = new ArrayList<>();
    final List<Chart.Rect> rects = new ArrayList<>();
    final List<Chart.Text> texts = new ArrayList<>();

    void line(String cls, double x1, double y1, double x2, double y2) {
      lines.add(new Chart.Line(cls, fmt(x1), fmt(y1), fmt(x2), fmt(y2)));
    }

    void text(String cls, double x, double y, String anchor, String text) {
      texts.add(new Chart.Text(cls, fmt(x), fmt(y), anchor, "", Html.printable(text)));
    }

    Chart empty(String cls, String aria, String text) {
      text("empty", WIDTH / 2.0, 40, "middle", text);
      return chart(cls, HEIGHT, aria);
    }

    Chart chart(String cls, int height, String aria) {
      List<Chart.Group> printable =
          groups.stream().map(g -> new Chart.Group(Html.printable(g.title()), g.rects())).toList();
      return new Chart(
          cls,
          WIDTH,
          height,
          Html.printable(aria),
          List.copyOf(lines),
          List.copyOf(paths),
          printable,
          List.copyOf(rects),
          List.copyOf(texts));
    }
  }

  private static void axes(
      Shapes s, double[] xTicks, double maxX, double[] yTicks, String xLabel, String yLabel) {
    double topY = yTicks[yTicks.length - 1];
    for (double t : yTicks) {
      double yy = y(t, topY);
      s.line("grid", LEFT, yy, WIDTH - RIGHT, yy);
      s.texts.add(new Chart.Text("tick", fmt(LEFT - 6), fmt(yy + 4), "end", "", number(t)));
    }
    for (double t : xTicks) {
      if (t > maxX * 1.0001) {
        continue;
      }
      double xx = x(t, maxX);
      s.line("tickmark", xx, HEIGHT - BOTTOM, xx, HEIGHT - BOTTOM + 4);
      s.texts.add(
          new Chart.Text("tick", fmt(xx), fmt(HEIGHT - BOTTOM + 16), "middle", "", number(t)));
    }
    s.line("axis", LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
    s.text("axis-label", LEFT + (WIDTH - LEFT - RIGHT) / 2.0, HEIGHT - 6, "middle", xLabel);
    s.texts.add(
        new Chart.Text(
            "axis-label",
            "0",
            "0",
            "middle",
            "translate(14," + (TOP + (HEIGHT - TOP - BOTTOM) / 2) + ") rotate(-90)",
            Html.printable(yLabel)));
  }

  private static double x(double v, double maxX) {
    return LEFT + (WIDTH - LEFT - RIGHT) * v / maxX;
  }

  private static double y(double v, double maxY) {
    return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * v / maxY;
  }

  /**
   * @param max the largest value to show, positive
   * @return 0 and round steps up to the first at or above {@code max} (about 5 steps)
   */
  static double[] ticks(double max) {
    double step = niceStep(max / 5);
    int n = (int) Math.ceil(max / step - 1e-9);
    double[] out = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      out[i] = i * step;
    }
    return out;
  }

  /**
   * @param raw a step
   * @return the next 1, 2 or 5 times a power of ten at or above it
   */
  static double niceStep(double raw) {
    if (raw <= 0) {
      return 1;
    }
    double pow = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / pow;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * pow;
  }

  /** @return a tick label: integers without decimals, others with up to 3 significant digits */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    return String.format(Locale.ROOT, "%.3g", v).replaceAll("\\.?0+$", "");
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
