package rnnlab.jobs;

/**
 * Bad input to a report or a query: a folder that is not a result store, an unknown key, SQL that does not
 * parse. The command line prints the message and exits with code 2.
 */
public final class BadInputException extends IllegalArgumentException {

  public BadInputException(String message) {
    super(message);
  }
}
