package com.rtx.platform;

import java.util.Arrays;
import java.util.Optional;

/**
 * The engine's roles, in deployment order: back ends first, the HTTP front door last, so the
 * gateway only accepts requests once everything behind it is up, and (undeploying in reverse)
 * stops accepting before anything behind it goes away.
 */
public enum Role {
  LP_SIM("lp-sim"),
  PRICING("pricing"),
  DEALING("dealing"),
  ROUTER("router"),
  FIXAPI("fixapi"),
  ADMIN("admin"),
  BACKUP("backup"),
  GATEWAY("gateway");

  private final String id;

  Role(String id) {
    this.id = id;
  }

  /** The name used on the command line, in configuration and in logs. */
  public String id() {
    return id;
  }

  public static Optional<Role> fromId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }

  @Override
  public String toString() {
    return id;
  }
}
