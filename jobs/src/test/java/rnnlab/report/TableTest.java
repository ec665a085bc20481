package rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

  private final Table table = Table.with("cell", "message", "accuracy")
      .row("rnn", "a, \"b\"", 0.99)
      .row("lstm|gru", "<x>", Double.NaN)
      .build();

  @Test
  void formatsNumbersReadably() {
    assertEquals("0.99", Table.format(0.99));
    assertEquals("1", Table.format(1.0));
    assertEquals("0.7944", Table.format(0.794444));
    assertEquals("1.000e-04", Table.format(1e-4));
    assertEquals("NaN", Table.format(Double.NaN));
    assertEquals("12", Table.format(12));
    assertEquals("", Table.format(null));
  }

  @Test
  void rendersAsCsvMarkdownHtmlAndText() {
    assertEquals("cell,message,accuracy\r\nrnn,\"a, \"\"b\"\"\",0.99\r\nlstm|gru,<x>,NaN\r\n", table.csv());
    assertEquals("| cell | message | accuracy |\n| --- | --- | --- |\n| rnn | a, \"b\" | 0.99 |\n"
        + "| lstm\\|gru | <x> | NaN |\n", table.markdown());
    assertEquals("<table>\n<thead><tr><th>cell</th><th>message</th><th>accuracy</th></tr></thead>\n<tbody>\n"
        + "<tr><td>rnn</td><td>a, &quot;b&quot;</td><td>0.99</td></tr>\n"
        + "<tr><td>lstm|gru</td><td>&lt;x&gt;</td><td>NaN</td></tr>\n</tbody>\n</table>\n", table.html());
    assertEquals("""
        cell      message  accuracy
        --------  -------  --------
        rnn       a, "b"   0.99
        lstm|gru  <x>      NaN
        """, table.text());
  }

  @Test
  void rowsMustFitTheHeader() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Table(List.of("a", "b"), List.of(List.of("1"))));
    assertEquals("row of 1 cells under 2 columns: [1]", e.getMessage());
  }
}
