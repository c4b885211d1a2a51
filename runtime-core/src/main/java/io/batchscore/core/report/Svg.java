package io.batchscore.core.report;

import java.util.List;
import java.util.Locale;

/**
 * Small inline SVG charts for the job report, drawn as text: no script, no external file. Each
 * chart scales to the page's width through its {@code viewBox}.
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
   * @return an {@code <svg>} element
   */
  static String stepChart(double[] xs, double[] ys, String xLabel, String yLabel, String aria) {
    StringBuilder sb = open(aria, "chart-throughput");
    if (xs.length == 0) {
      return empty(sb, "no samples");
    }
    double maxX = xs[xs.length - 1] <= 0 ? 1 : xs[xs.length - 1];
    double maxY = 0;
    for (double y : ys) {
      maxY = Math.max(maxY, y);
    }
    double[] yTicks = ticks(maxY <= 0 ? 1 : maxY);
    double topY = yTicks[yTicks.length - 1];
    axes(sb, ticks(maxX), maxX, yTicks, xLabel, yLabel);
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
    sb.append("<path class=\"area\" d=\"").append(line).append(" L").append(fmt(x(prevX, maxX)))
        .append(",").append(fmt(y(0, topY))).append(" Z\"/>\n");
    sb.append("<path class=\"line\" d=\"").append(line).append("\"/>\n");
    return sb.append("</svg>\n").toString();
  }

  /**
   * A stacked bar chart.
   *
   * @param bars the bars, left to right
   * @param seriesClasses a CSS class per series (its colour)
   * @param xLabel the x axis's name
   * @param yLabel the y axis's name
   * @param aria a description for screen readers
   * @return an {@code <svg>} element
   */
  static String stackedBars(List<Bar> bars, List<String> seriesClasses, String xLabel,
      String yLabel, String aria) {
    StringBuilder sb = open(aria, "chart-latency");
    if (bars.isEmpty()) {
      return empty(sb, "no runs");
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
    axes(sb, new double[0], 1, yTicks, xLabel, yLabel);
    double plotW = WIDTH - LEFT - RIGHT;
    double slot = plotW / bars.size();
    double barW = Math.max(1, slot * 0.85);
    int labelEvery = Math.max(1, (int) Math.ceil(bars.size() / 10.0));
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double x0 = LEFT + i * slot + (slot - barW) / 2;
      double base = 0;
      sb.append("<g><title>").append(Html.escape(b.tooltip())).append("</title>");
      for (int s = 0; s < b.values().length; s++) {
        double v = b.values()[s];
        if (v <= 0) {
          continue;
        }
        double yTop = y(base + v, topY);
        double yBottom = y(base, topY);
        sb.append("<rect class=\"").append(seriesClasses.get(s)).append("\" x=\"").append(fmt(x0))
            .append("\" y=\"").append(fmt(yTop)).append("\" width=\"").append(fmt(barW))
            .append("\" height=\"").append(fmt(Math.max(0.5, yBottom - yTop))).append("\"/>");
        base += v;
      }
      sb.append("</g>\n");
      if (i % labelEvery == 0 && !b.label().isEmpty()) {
        sb.append("<text class=\"tick\" x=\"").append(fmt(LEFT + i * slot + slot / 2))
            .append("\" y=\"").append(HEIGHT - BOTTOM + 16).append("\" text-anchor=\"middle\">")
            .append(Html.escape(b.label())).append("</text>\n");
      }
    }
    return sb.append("</svg>\n").toString();
  }

  /**
   * Horizontal bars of fractions from 0 to 100 %, one row each.
   *
   * @param rows the rows
   * @param aria a description for screen readers
   * @return an {@code <svg>} element
   */
  static String fractionRows(List<Row> rows, String aria) {
    int rowH = 26;
    int labelW = 250;
    int textW = 240;
    int h = Math.max(1, rows.size()) * rowH + 24;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-utilisation\" viewBox=\"0 0 ")
        .append(WIDTH).append(" ").append(h).append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(aria)).append("\">\n");
    if (rows.isEmpty()) {
      return empty(sb, "no workers ran");
    }
    double barMax = WIDTH - labelW - textW;
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      double f = Math.max(0, Math.min(1, r.fraction()));
      int y = 8 + i * rowH;
      sb.append("<text class=\"label\" x=\"").append(labelW - 8).append("\" y=\"").append(y + 15)
          .append("\" text-anchor=\"end\">").append(Html.escape(r.label())).append("</text>");
      sb.append("<rect class=\"track\" x=\"").append(labelW).append("\" y=\"").append(y + 3)
          .append("\" width=\"").append(fmt(barMax)).append("\" height=\"16\"/>");
      sb.append("<rect class=\"busy\" x=\"").append(labelW).append("\" y=\"").append(y + 3)
          .append("\" width=\"").append(fmt(barMax * f)).append("\" height=\"16\"/>");
      sb.append("<text class=\"value\" x=\"").append(fmt(labelW + barMax + 8)).append("\" y=\"")
          .append(y + 15).append("\">").append(Html.escape(r.text())).append("</text>\n");
    }
    int axisY = 8 + rows.size() * rowH;
    for (int p = 0; p <= 100; p += 25) {
      sb.append("<text class=\"tick\" x=\"").append(fmt(labelW + barMax * p / 100.0))
          .append("\" y=\"").append(axisY + 10).append("\" text-anchor=\"middle\">").append(p)
          .append(" %</text>");
    }
    return sb.append("\n</svg>\n").toString();
  }

  private static StringBuilder open(String aria, String cls) {
    StringBuilder sb = new StringBuilder();
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ").append(cls)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(" ").append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"").append(Html.escape(aria)).append("\">\n");
    return sb;
  }

  private static String empty(StringBuilder sb, String text) {
    sb.append("<text class=\"empty\" x=\"").append(WIDTH / 2).append("\" y=\"40\"")
        .append(" text-anchor=\"middle\">").append(Html.escape(text)).append("</text>\n");
    return sb.append("</svg>\n").toString();
  }

  private static void axes(StringBuilder sb, double[] xTicks, double maxX, double[] yTicks,
      String xLabel, String yLabel) {
    double topY = yTicks[yTicks.length - 1];
    for (double t : yTicks) {
      double yy = y(t, topY);
      sb.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
          .append("\" y1=\"").append(fmt(yy)).append("\" y2=\"").append(fmt(yy)).append("\"/>")
          .append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"")
          .append(fmt(yy + 4)).append("\" text-anchor=\"end\">").append(number(t))
          .append("</text>\n");
    }
    for (double t : xTicks) {
      if (t > maxX * 1.0001) {
        continue;
      }
      double xx = x(t, maxX);
      sb.append("<line class=\"tickmark\" x1=\"").append(fmt(xx)).append("\" x2=\"")
          .append(fmt(xx)).append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" y2=\"")
          .append(HEIGHT - BOTTOM + 4).append("\"/>").append("<text class=\"tick\" x=\"")
          .append(fmt(xx)).append("\" y=\"").append(HEIGHT - BOTTOM + 16)
          .append("\" text-anchor=\"middle\">").append(number(t)).append("</text>\n");
    }
    sb.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
        .append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" y2=\"").append(HEIGHT - BOTTOM)
        .append("\"/>\n");
    sb.append("<text class=\"axis-label\" x=\"").append(LEFT + (WIDTH - LEFT - RIGHT) / 2)
        .append("\" y=\"").append(HEIGHT - 6).append("\" text-anchor=\"middle\">")
        .append(Html.escape(xLabel)).append("</text>\n");
    sb.append("<text class=\"axis-label\" transform=\"translate(14,")
        .append(TOP + (HEIGHT - TOP - BOTTOM) / 2).append(") rotate(-90)\" text-anchor=\"middle\">")
        .append(Html.escape(yLabel)).append("</text>\n");
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
