package rnnlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import rnnlab.cli.Main;
import rnnlab.spec.RunSpec;

/**
 * The package graph of both modules' compiled main classes has no cycle, and {@code rnnlab.spec} depends on
 * no other rnnlab package. Dependencies are read from each class file's constant pool (class references,
 * field and method descriptors, generic signatures), so a type used only in a signature or by its fully
 * qualified name counts too.
 */
class PackageCyclesTest {

  /** A reference to an rnnlab class inside a constant-pool string: its package in slash form. */
  private static final Pattern RNNLAB_CLASS = Pattern.compile("rnnlab/((?:[a-z0-9_]+/)*[a-z0-9_]+)/[A-Z]");

  @Test
  void noPackageCycleInModelOrJobs() throws IOException {
    Map<String, Set<String>> graph = packageGraph(List.of(location(RunSpec.class), location(Main.class)));
    assertTrue(graph.getOrDefault("rnnlab.numeric", Set.of()).contains("rnnlab.spec"), graph.toString());
    assertTrue(graph.getOrDefault("rnnlab.cli", Set.of()).contains("rnnlab.jobs"), graph.toString());
    assertEquals(List.of(), cycles(graph), "package cycles in " + graph);
  }

  @Test
  void specDependsOnNothingElseInRnnlab() throws IOException {
    Map<String, Set<String>> graph = packageGraph(List.of(location(RunSpec.class)));
    assertTrue(graph.containsKey("rnnlab.spec"), graph.toString());
    assertEquals(Set.of(), graph.get("rnnlab.spec"));
  }

  @Test
  void cyclesAreFoundWhenThereAreSome() {
    Map<String, Set<String>> graph = new TreeMap<>();
    graph.put("a", Set.of("b"));
    graph.put("b", Set.of("c"));
    graph.put("c", Set.of("a", "d"));
    graph.put("d", Set.of());
    assertEquals(List.of(List.of("a", "b", "c")), cycles(graph));
    graph.put("c", Set.of("d"));
    assertEquals(List.of(), cycles(graph));
  }

  /** A folder of classes or a jar: where {@code type} was loaded from. */
  private static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Package to the other rnnlab packages its classes refer to, over every class under {@code roots}. */
  private static Map<String, Set<String>> packageGraph(List<Path> roots) throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (Path root : roots) {
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.walk(root)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
            String name = root.relativize(f).toString().replace('\\', '/');
            add(graph, name, Files.readAllBytes(f));
          }
        }
      } else {
        try (JarFile jar = new JarFile(root.toFile())) {
          for (JarEntry e : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
            try (InputStream in = jar.getInputStream(e)) {
              add(graph, e.getName(), in.readAllBytes());
            }
          }
        }
      }
    }
    return graph;
  }

  private static void add(Map<String, Set<String>> graph, String classFile, byte[] bytes) throws IOException {
    if (!classFile.startsWith("rnnlab/") || classFile.lastIndexOf('/') == "rnnlab".length()) {
      return;
    }
    String from = classFile.substring(0, classFile.lastIndexOf('/')).replace('/', '.');
    Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
    for (String text : constantPoolStrings(bytes)) {
      Matcher m = RNNLAB_CLASS.matcher(text);
      while (m.find()) {
        String pkg = "rnnlab." + m.group(1).replace('/', '.');
        if (!pkg.equals(from)) {
          to.add(pkg);
        }
      }
    }
  }

  /** Every UTF-8 constant of a class file: class names, descriptors, signatures and string literals. */
  private static List<String> constantPoolStrings(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    List<String> strings = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> strings.add(in.readUTF());
        case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
        case 15 -> in.skipNBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
        case 5, 6 -> {
          in.skipNBytes(8);
          i++; // a long or double takes two entries
        }
        default -> throw new IOException("unknown constant-pool tag " + tag);
      }
    }
    return strings;
  }

  /** The strongly connected components with more than one package (Tarjan), each sorted, in order. */
  static List<List<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> found = new ArrayList<>();
    for (String v : graph.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, graph, index, low, stack, onStack, found);
      }
    }
    found.sort((a, b) -> a.get(0).compareTo(b.get(0)));
    return found;
  }

  private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<List<String>> found) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    onStack.add(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, graph, index, low, stack, onStack, found);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> component = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        component.sort(null);
        found.add(component);
      }
    }
  }
}
