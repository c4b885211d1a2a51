package io.batchscore.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogTimestampTest {

  private static final DateTimeFormatter REFERENCE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

  private static String reference(long millis, ZoneId zone) {
    return REFERENCE.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone));
  }

  @Test
  void writesWhatADateTimeFormatterWrites() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    ZoneId utc = ZoneId.of("UTC");
    long base = Instant.parse("2026-03-29T00:59:58.990Z").toEpochMilli(); // Paris goes to DST
    Random random = new Random(7);
    long t = base;
    for (int i = 0; i < 5_000; i++) {
      t += random.nextInt(1_500); // same second, next second, several seconds on
      ZoneId zone = random.nextInt(10) == 0 ? utc : paris;
      assertThat(LogTimestamp.format(t, zone))
          .as("%d in %s", t, zone)
          .isEqualTo(reference(t, zone));
    }
    assertThat(LogTimestamp.format(base + 1_010, paris)).isEqualTo("2026-03-29 03:00:00,000");
    assertThat(LogTimestamp.format(-1, utc)).isEqualTo("1969-12-31 23:59:59,999");
  }

  @Test
  void padsLevelsAsPercentMinusSevenS() {
    for (Level level : Level.values()) {
      assertThat(WorkerLogger.padded(level)).isEqualTo(String.format("%-7s", level.getName()));
    }
  }
}
