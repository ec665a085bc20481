package rnnlab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a page in headless Chromium (Debian's {@code chromium}, which {@code .ci/run} installs): checks
 * that every image loaded and nothing was logged to the console as an error, and takes a screenshot.
 * Fails, never skips, when Chromium is missing.
 */
final class Chromium {

  static final Path BINARY = Path.of("/usr/bin/chromium");

  private Chromium() {}

  static void assertOpens(Path index, Path screenshot) throws IOException {
    Path tmp = Files.createTempDirectory("rnnlab-chromium");
    try {
      Matcher m = check(tmp, index, """
            const images = d ? [...d.images] : [];
            const broken = images.filter(i => !(i.complete && i.naturalWidth > 0))
                .map(i => i.getAttribute('src'));
            const text = 'PAGE ' + (d ? d.title : 'unreadable') + ' IMAGES ' + images.length
                + ' BROKEN ' + broken.length + ' [' + broken.join(',') + ']';
          """, "PAGE (.*) IMAGES (\\d+) BROKEN (\\d+) \\[(.*)]");
      assertEquals("rnnlab report", m.group(1));
      assertTrue(Integer.parseInt(m.group(2)) > 0, "no image on the page");
      assertEquals("0", m.group(3), "images that did not load: " + m.group(4));
      Files.createDirectories(screenshot.toAbsolutePath().getParent());
      Files.deleteIfExists(screenshot);
      run(tmp, "--screenshot=" + screenshot.toAbsolutePath(), "--window-size=1280,7000",
          "--hide-scrollbars", index.toUri().toString());
      assertTrue(Files.size(screenshot) > 10_000, "screenshot " + screenshot + " is too small");
    } finally {
      delete(tmp);
    }
  }

  /**
   * Opens {@code index} and uses its interactive section as a reader would, once its scripts ran: counts
   * the charts drawn and the runs table's rows, sorts the table by run id (a header click) and filters it
   * to one run id (typed text). Fails on a console error.
   *
   * @return canvases drawn, rows, whether the sorted ids are in order, rows after the filter
   */
  static int[] explore(Path index) throws IOException {
    Path tmp = Files.createTempDirectory("rnnlab-chromium");
    try {
      Matcher m = check(tmp, index, """
            const rows = () => [...d.querySelectorAll('#explore-runs tbody tr')];
            const canvases = d.querySelectorAll('#explore canvas').length;
            const before = rows().length;
            d.querySelector('#explore-runs thead th').click();
            const ids = rows().map(r => r.cells[0].textContent);
            const sorted = ids.every((id, i) => i === 0 || ids[i - 1].localeCompare(id) <= 0) ? 1 : 0;
            const filter = d.getElementById('explore-filter');
            filter.value = ids[ids.length - 1];
            filter.dispatchEvent(new Event('input'));
            const text = 'EXPLORE ' + canvases + ' ' + before + ' ' + sorted + ' ' + rows().length;
          """, "EXPLORE (\\d+) (\\d+) (\\d+) (\\d+)");
      return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))};
    } finally {
      delete(tmp);
    }
  }

  /**
   * Loads {@code index} in a frame of a check page whose script, once everything loaded, runs
   * {@code onLoad} (with the frame's document as {@code d}; it sets {@code text}) and appends {@code text}
   * to the check page; dumps the check page's DOM and returns the match of {@code result} in it. Fails when
   * the script left no result or Chromium logged a console error.
   */
  private static Matcher check(Path tmp, Path index, String onLoad, String result) throws IOException {
    assertTrue(Files.isExecutable(BINARY), BINARY + " is missing: install Debian's chromium package"
        + " (apt-get install -y chromium)");
    Path check = tmp.resolve("check.html");
    Files.writeString(check, """
        <!DOCTYPE html><html><body>
        <iframe id="page" src="%s" style="width:1280px;height:3000px"></iframe>
        <script>
        window.addEventListener('load', () => {
          const d = document.getElementById('page').contentDocument;
        %s
          const result = document.createElement('pre');
          result.textContent = text;
          document.body.appendChild(result);
        });
        </script></body></html>
        """.formatted(index.toUri(), onLoad), StandardCharsets.UTF_8);
    Result dom = run(tmp, "--allow-file-access-from-files", "--enable-logging=stderr", "--v=0",
        "--dump-dom", check.toUri().toString());
    Matcher m = Pattern.compile(result).matcher(dom.out());
    assertTrue(m.find(), "no check result in Chromium's DOM:\n" + dom.out() + dom.err());
    List<String> consoleErrors = dom.err().lines()
        .filter(l -> l.contains("CONSOLE") || l.contains("Failed to load") || l.contains("Uncaught"))
        .toList();
    assertEquals(List.of(), consoleErrors, "console errors");
    return m;
  }

  private static void delete(Path tmp) throws IOException {
    try (var files = Files.walk(tmp)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private record Result(String out, String err) {}

  private static Result run(Path tmp, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--user-data-dir=" + tmp.resolve("profile"), "--virtual-time-budget=5000"));
    command.addAll(List.of(args));
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("Chromium did not finish in 90 s: " + command);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    Result r = new Result(Files.readString(out), Files.readString(err));
    assertEquals(0, p.exitValue(), "Chromium failed: " + command + "\n" + r.err());
    return r;
  }
}
