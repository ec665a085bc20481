package rnnlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTest {

  @Test
  void printsWhatIsKnownInFileLineKeyMessageOrder() {
    assertEquals("s.yaml:3: window: expected an integer", new Problem("window", "expected an integer",
        "s.yaml", 3).toString());
    assertEquals("d/X.npy: not a .npy file", Problem.inFile("d/X.npy", "not a .npy file").toString());
    assertEquals("lr: expected a positive finite number",
        Problem.of("lr", "expected a positive finite number").toString());
    assertEquals("no folder given", Problem.of("", "no folder given").toString());
  }

  @Test
  void specProblemsAreTypedWithTheirKeys() {
    SpecException e = assertThrows(SpecException.class,
        () -> RunSpec.LAB.with(Map.of("window", 0, "lr", -1)));
    assertEquals(List.of("lr", "window"), e.problems().stream().map(Problem::key).sorted().toList());
  }

  @Test
  void aboutGivesKeylessProblemsTheKeyThatNamedTheFile() {
    BadInputException e = new BadInputException(List.of(Problem.inFile("w/LW_11.npy", "truncated header"),
        Problem.of("hidden", "expected an integer >= 1, got 0")));
    List<Problem> about = e.about("init_weights").problems();
    assertEquals("init_weights", about.get(0).key());
    assertEquals("w/LW_11.npy", about.get(0).file());
    assertEquals("hidden", about.get(1).key());
    assertThrows(IllegalArgumentException.class, () -> new BadInputException(List.of()));
  }
}
