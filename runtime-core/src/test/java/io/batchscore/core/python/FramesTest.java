package io.batchscore.core.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchscore.api.Device;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The framing of protocol 1, and the device a worker's process is shown. */
class FramesTest {

  private static DataInputStream in(byte[] bytes) {
    return new DataInputStream(new ByteArrayInputStream(bytes));
  }

  @Test
  void framesRoundTripAsLengthPrefixedUtf8Json() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Frames.write(out, Frames.request("run").put("file", "/data/é.png"));
    Frames.write(out, Frames.request("shutdown"));
    byte[] bytes = out.toByteArray();
    String json = "{\"op\":\"run\",\"file\":\"/data/é.png\"}";
    int length = json.getBytes(StandardCharsets.UTF_8).length;
    assertThat(bytes[3] & 0xff).isEqualTo(length);
    assertThat(new String(bytes, 4, length, StandardCharsets.UTF_8)).isEqualTo(json);
    DataInputStream in = in(bytes);
    JsonNode first = Frames.read(in);
    assertThat(first.get("file").asText()).isEqualTo("/data/é.png");
    assertThat(Frames.read(in).get("op").asText()).isEqualTo("shutdown");
    assertThat(Frames.read(in)).as("end of stream").isNull();
  }

  @Test
  void garbageOnThePipeIsAnErrorNotAHang() {
    byte[] printed = "hello from a stray print\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Frames.read(in(printed)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad frame length");
    byte[] truncated = {0, 0, 0, 10, '{', '}'};
    assertThatThrownBy(() -> Frames.read(in(truncated))).isInstanceOf(IOException.class);
    byte[] notAnObject = {0, 0, 0, 2, '[', ']'};
    assertThatThrownBy(() -> Frames.read(in(notAnObject)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a JSON object");
  }

  @Test
  void aWorkerSeesOnlyItsDeviceNumberedAsTheLauncherSeesThem() {
    assertThat(PythonScorer.visibleDevice(Device.cpu(), "0,1")).isEmpty();
    assertThat(PythonScorer.visibleDevice(Device.cuda(1), "")).isEqualTo("1");
    assertThat(PythonScorer.visibleDevice(Device.cuda(1), "4, 6")).isEqualTo("6");
  }
}
