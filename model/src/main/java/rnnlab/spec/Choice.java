package rnnlab.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An enum whose constants are chosen by name on the command line and in sweep files. The name a user
 * types is the constant's name in lower case with '-' for '_': {@code PER_SEQUENCE} is
 * {@code per-sequence}.
 */
public interface Choice {

  /** The constant's Java name (implemented by every enum). */
  String name();

  /** The name users type and that results store. */
  default String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Every label of {@code type}, in declaration order. */
  static <E extends Enum<E> & Choice> List<String> labels(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Choice::label).toList();
  }

  /**
   * The constant of {@code type} whose label is {@code text}.
   *
   * @throws IllegalArgumentException naming the allowed labels when none matches
   */
  static <E extends Enum<E> & Choice> E parse(Class<E> type, String text) {
    for (E e : type.getEnumConstants()) {
      if (e.label().equals(text)) {
        return e;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", labels(type)));
  }
}
