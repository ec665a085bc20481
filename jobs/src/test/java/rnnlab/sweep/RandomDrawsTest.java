package rnnlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnlab.spec.Problem;

/** {@code random: draws: N}, and its old name {@code samples}, read the same with a notice. */
class RandomDrawsTest {

  @TempDir
  Path dir;

  private Path file(String countLine) throws IOException {
    return Files.writeString(dir.resolve("r.yaml"), """
        name: r
        fixed: {epochs: 2, samples: 20}
        random:
          %s
          ranges:
            lr: {log-uniform: [0.001, 0.1]}
        """.formatted(countLine));
  }

  @Test
  void oldNameGivesTheSameRunsWithANoticeAtItsLine() throws IOException {
    Sweep draws = SweepFile.load(file("draws: 4"), 100);
    Sweep samples = SweepFile.load(file("samples: 4"), 100);
    assertEquals(4, draws.runs().size());
    assertEquals(draws.runs(), samples.runs());
    assertEquals(List.of(), draws.notices());
    Problem notice = samples.notices().get(0);
    assertEquals(1, samples.notices().size());
    assertEquals("random.samples", notice.key());
    assertEquals(4, notice.line());
    assertTrue(notice.message().contains("write 'draws: 4'"), notice.message());
  }

  @Test
  void bothNamesOrNeitherAreProblems() throws IOException {
    Path both = Files.writeString(dir.resolve("both.yaml"), """
        name: r
        random:
          draws: 4
          samples: 4
          ranges:
            lr: {log-uniform: [0.001, 0.1]}
        """);
    List<Problem> p = assertThrows(SweepException.class, () -> SweepFile.load(both, 100)).problems();
    assertEquals(List.of("random.samples"), p.stream().map(Problem::key).toList());
    List<Problem> none = assertThrows(SweepException.class, () -> SweepFile.load(file("# no count"), 100))
        .problems();
    assertEquals("random.draws", none.get(0).key());
  }
}
