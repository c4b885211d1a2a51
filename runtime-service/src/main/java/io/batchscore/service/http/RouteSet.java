package io.batchscore.service.http;

import io.javalin.config.RoutesConfig;

/** A group of routes the {@link ApiServer} declares, each with its {@link Access}. */
@FunctionalInterface
public interface RouteSet {

  /** @param routes where to declare them */
  void declare(RoutesConfig routes);
}
