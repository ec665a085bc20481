package rnnlab.store;

import rnnlab.spec.BadInputException;
import rnnlab.spec.Problem;

/**
 * A store location a user gave that cannot be used: not a store, a file, an object store to write to, a store
 * another writer holds. Bad input: the command line prints the message and exits with code 2.
 */
public class BadStoreException extends BadInputException {

  public BadStoreException(String message) {
    super(Problem.of("", message));
  }
}
