package com.rtx.platform.text;

/**
 * Text PostgreSQL refuses to store: a NUL character (not allowed in {@code text}) or half of a
 * surrogate pair (not encodable as UTF-8). Both APIs refuse such input with a 400 naming the field
 * before any handler runs, so it never becomes a database error whose text could reach a client.
 * Every other character, control characters and markup included, is stored as given (and always
 * served as JSON data).
 */
public final class StorableText {

  private StorableText() {
  }

  public static boolean storable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
