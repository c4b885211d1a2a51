package io.batchscore.core.report;

import java.util.List;

/**
 * An inline SVG chart as shapes with their coordinates already formatted, drawn by the
 * {@code chart.jte} template, which escapes every text and attribute. Shapes are painted in the
 * order lines, paths, groups, rects, texts.
 *
 * @param cls the chart's CSS class
 * @param width the view box's width
 * @param height the view box's height
 * @param aria a description for screen readers
 * @param lines grid lines, tick marks and axes
 * @param paths filled areas and lines
 * @param groups bars with a hover title each
 * @param rects bare rectangles
 * @param texts labels
 */
public record Chart(
    String cls,
    int width,
    int height,
    String aria,
    List<Line> lines,
    List<PathShape> paths,
    List<Group> groups,
    List<Rect> rects,
    List<Text> texts) {

  /**
   * A straight line.
   *
   * @param cls its CSS class
   * @param x1 start x
   * @param y1 start y
   * @param x2 end x
   * @param y2 end y
   */
  public record Line(String cls, String x1, String y1, String x2, String y2) {}

  /**
   * A path.
   *
   * @param cls its CSS class
   * @param d its path data
   */
  public record PathShape(String cls, String d) {}

  /**
   * A rectangle.
   *
   * @param cls its CSS class
   * @param x left
   * @param y top
   * @param width width
   * @param height height
   */
  public record Rect(String cls, String x, String y, String width, String height) {}

  /**
   * Rectangles under one hover title.
   *
   * @param title the tooltip
   * @param rects the rectangles
   */
  public record Group(String title, List<Rect> rects) {}

  /**
   * A label.
   *
   * @param cls its CSS class
   * @param x its anchor's x
   * @param y its baseline's y
   * @param anchor {@code start}, {@code middle} or {@code end}
   * @param transform an SVG transform, or empty
   * @param text the label
   */
  public record Text(
      String cls, String x, String y, String anchor, String transform, String text) {}
}
