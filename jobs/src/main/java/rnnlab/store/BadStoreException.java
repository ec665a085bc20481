package rnnlab.store;

/**
 * A store location a user gave that cannot be used: not a store, a file, an object store to write to, a store
 * another writer holds. Bad input: the command line prints the message and exits with code 2.
 */
public class BadStoreException extends IllegalArgumentException {

  public BadStoreException(String message) {
    super(message);
  }
}
