package com.rtx.platform;

/** A configured listening port is taken by another process; {@code key} names the setting to change. */
public final class PortInUseException extends RuntimeException {
  private final String key;

  public PortInUseException(String key, String host, int port, Throwable cause) {
    super("port " + port + " on " + host + " is already in use (" + key + ")", cause);
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** Whether {@code e} (or a cause) is a failure to bind because the address is in use. */
  public static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }
}
