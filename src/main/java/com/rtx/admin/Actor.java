package com.rtx.admin;

/** Who acts: a staff member with their current role, or nobody yet (login). */
record Actor(Long staffId, String username, String role) {

  static final Actor ANONYMOUS = new Actor(null, null, null);

  /** A login attempt for {@code username} before anyone is authenticated. */
  static Actor claimed(String username) {
    return new Actor(null, username, null);
  }
}
