package io.batchscore.gpu.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CudaVisibleDevicesTest {

  static final List<NvidiaGpu> FOUR =
      List.of(
          new NvidiaGpu(0, "A", 1, "GPU-0000aaaa-0000"),
          new NvidiaGpu(1, "B", 1, "GPU-1111bbbb-1111"),
          new NvidiaGpu(2, "C", 1, "GPU-2222cccc-2222"),
          new NvidiaGpu(3, "D", 1, "GPU-2222dddd-3333"));

  static List<String> names(String value) {
    return CudaVisibleDevices.apply(FOUR, value).stream().map(NvidiaGpu::name).toList();
  }

  @Test
  void unsetShowsAll() {
    assertThat(names(null)).containsExactly("A", "B", "C", "D");
  }

  @Test
  void indicesSelectAndReorder() {
    assertThat(names("2,0")).containsExactly("C", "A");
    assertThat(names(" 3 ")).containsExactly("D");
  }

  @Test
  void uuidsAndUniquePrefixesSelect() {
    assertThat(names("GPU-1111bbbb-1111,GPU-0000")).containsExactly("B", "A");
    assertThat(names("GPU-2222cccc,1")).containsExactly("C", "B");
  }

  @Test
  void emptyAndMinusOneHideAll() {
    assertThat(names("")).isEmpty();
    assertThat(names("-1")).isEmpty();
  }

  @Test
  void listStopsAtTheFirstInvalidOrRepeatedEntry() {
    assertThat(names("1,7,0")).containsExactly("B");
    assertThat(names("0,-1,1")).containsExactly("A");
    assertThat(names("GPU-2222,0")).isEmpty(); // ambiguous prefix
    assertThat(names("1,1,2")).containsExactly("B");
    assertThat(names("0,,1")).containsExactly("A");
  }
}
