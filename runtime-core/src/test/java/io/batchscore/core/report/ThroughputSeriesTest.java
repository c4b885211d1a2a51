package io.batchscore.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchscore.core.logs.Progress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputSeriesTest {

  private static Progress at(long millis, long done) {
    return new Progress(0, 0, done, 0, 0, false, millis * 1_000_000);
  }

  @Test
  void samplesCloserThanAStepAreIgnored() {
    ThroughputSeries s = new ThroughputSeries(8, 1000);
    s.sample(at(1000, 10));
    s.sample(at(1500, 15));
    s.sample(at(2000, 30));
    assertThat(s.points())
        .containsExactly(
            new ThroughputSeries.Point(1.0, 10.0, 10), new ThroughputSeries.Point(2.0, 20.0, 30));
  }

  @Test
  void aLongJobStaysBoundedAndKeepsItsEndsAndTotals() {
    ThroughputSeries s = new ThroughputSeries(600, 1000);
    for (long sec = 1; sec <= 100_000; sec++) { // 28 hours at 7 items/s
      s.sample(at(sec * 1000, sec * 7));
    }
    s.last(at(100_000_500, 700_003));
    assertThat(s.size()).isBetween(300, 600);
    assertThat(s.stepMillis()).isGreaterThan(100_000_000 / 600);
    List<ThroughputSeries.Point> p = s.points();
    assertThat(p.get(p.size() - 1).seconds()).isEqualTo(100_000.5);
    assertThat(p.get(p.size() - 1).itemsDone()).isEqualTo(700_003);
    assertThat(p.subList(0, p.size() - 1))
        .allSatisfy(
            x ->
                assertThat(x.itemsPerSecond())
                    .isCloseTo(7.0, org.assertj.core.data.Offset.offset(1e-9)));
  }

  @Test
  void samplesAfterTheLastAreIgnored() {
    ThroughputSeries s = new ThroughputSeries(8, 1000);
    s.sample(at(1000, 10));
    s.last(at(1200, 12));
    s.sample(at(5000, 50));
    assertThat(s.points()).extracting(ThroughputSeries.Point::itemsDone).containsExactly(10L, 12L);
  }
}
