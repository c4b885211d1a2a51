package io.batchscore.core.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes a registry's meters to {@code logs/metrics.json} (every meter's measurements, and
 * timers' percentiles) and {@code logs/metrics.prom} (Micrometer's Prometheus text exposition).
 */
public final class MetricsExport {

  private static final JsonFactory JSON = new JsonFactory();

  private MetricsExport() {}

  /**
   * Writes every meter as {@code {"name", "type", "tags", "measurements"}}, sorted by name.
   *
   * @param registry the meters
   * @param file where to write
   * @throws IOException when the file cannot be written
   */
  public static void writeJson(MeterRegistry registry, Path file) throws IOException {
    List<Meter> meters = new ArrayList<>(registry.getMeters());
    meters.sort(
        Comparator.comparing((Meter m) -> m.getId().getName())
            .thenComparing(m -> m.getId().getTags().toString()));
    // Jackson's streaming generator, not an ObjectMapper: no serializers built for a file
    // written once at the end of every job (benchmarks/README.md, note 10)
    try (OutputStream out = Files.newOutputStream(file);
        JsonGenerator g = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeArrayFieldStart("meters");
      for (Meter m : meters) {
        g.writeStartObject();
        g.writeStringField("name", m.getId().getName());
        g.writeStringField("type", m.getId().getType().name().toLowerCase(java.util.Locale.ROOT));
        if (m.getId().getBaseUnit() != null) {
          g.writeStringField("baseUnit", m.getId().getBaseUnit());
        }
        g.writeObjectFieldStart("tags");
        for (Tag t : m.getId().getTags()) {
          g.writeStringField(t.getKey(), t.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("measurements");
        for (Measurement ms : m.measure()) {
          g.writeNumberField(ms.getStatistic().getTagValueRepresentation(), ms.getValue());
        }
        g.writeEndObject();
        Map<String, Double> percentiles = percentiles(m);
        if (!percentiles.isEmpty()) {
          g.writeObjectFieldStart("percentiles");
          for (Map.Entry<String, Double> e : percentiles.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
          }
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  /**
   * @param m a meter
   * @return a timer's or distribution summary's published percentiles (timers in seconds), keyed
   *     by quantile such as {@code "0.99"}; empty for other meters
   */
  static Map<String, Double> percentiles(Meter m) {
    Map<String, Double> out = new LinkedHashMap<>();
    ValueAtPercentile[] values;
    if (m instanceof Timer t) {
      values = t.takeSnapshot().percentileValues();
      for (ValueAtPercentile v : values) {
        out.put(quantile(v.percentile()), v.value(TimeUnit.SECONDS));
      }
    } else if (m instanceof DistributionSummary d) {
      for (ValueAtPercentile v : d.takeSnapshot().percentileValues()) {
        out.put(quantile(v.percentile()), v.value());
      }
    }
    return out;
  }

  private static String quantile(double q) {
    return BigDecimal.valueOf(q).stripTrailingZeros().toPlainString();
  }

  /**
   * Writes the Prometheus text exposition of a Prometheus registry.
   *
   * @param registry the registry
   * @param file where to write
   * @throws IOException when the file cannot be written
   */
  public static void writePrometheus(PrometheusMeterRegistry registry, Path file)
      throws IOException {
    Files.write(file, registry.scrape().getBytes(StandardCharsets.UTF_8));
  }
}
