package com.rtx.core.conversion;

import java.util.Objects;

/**
 * A conversion an operation will need, checked before accepting a command so that it never fails
 * half-way for want of a rate.
 *
 * @param from currency converted from
 * @param to currency converted to
 */
public record ConversionNeed(String from, String to) {
  public ConversionNeed {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
