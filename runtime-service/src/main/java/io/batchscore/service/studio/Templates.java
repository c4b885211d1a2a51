package io.batchscore.service.studio;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The studio's jte templates ({@code src/main/jte}), compiled to classes at build time; output
 * is HTML with every value escaped, in text and in attributes.
 */
final class Templates {

  private static final TemplateEngine ENGINE =
      TemplateEngine.createPrecompiled(
          null, ContentType.Html, null, "io.batchscore.service.studio.jte");

  private Templates() {}

  /**
   * Renders a page into the response.
   *
   * @param ctx the response
   * @param status the HTTP status
   * @param template the template's file name
   * @param params its parameters: names and values, alternately
   */
  static void page(Context ctx, int status, String template, Object... params) {
    ctx.status(status).contentType("text/html; charset=utf-8").result(render(template, params));
  }

  /**
   * @param template the template's file name
   * @param params its parameters: names and values, alternately
   * @return the page
   */
  static String render(String template, Object... params) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      map.put((String) params[i], params[i + 1]);
    }
    StringOutput out = new StringOutput(16 * 1024);
    ENGINE.render(template, map, out);
    return out.toString();
  }
}
