package com.rtx.admin;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The grant rule without a database: subsets only, never one's own role, SUPER_ADMIN by SUPER_ADMIN. */
class StaffGrantsTest {

  private static final Map<String, Set<String>> MAPPING = Map.of(
    "SUPER_ADMIN", Set.of("staff.write", "roles.write", "balance.adjust", "accounts.read"),
    "ADMIN", Set.of("staff.write", "balance.adjust", "accounts.read"),
    "SUPPORT", Set.of("balance.adjust", "accounts.read"),
    "AUDITOR", Set.of("audit.read"));
  private static final Actor ADMIN = new Actor(7L, "a", "ADMIN");
  private static final Actor ROOT = new Actor(1L, "root", "SUPER_ADMIN");

  @Test
  void anAdminManagesStaffWithinItsGrant() {
    assertThat(StaffGrants.decide(ADMIN, MAPPING, null, null, "SUPPORT")).isNull();
    assertThat(StaffGrants.decide(ADMIN, MAPPING, 9L, "SUPPORT", null)).isNull();
    assertThat(StaffGrants.decide(ADMIN, MAPPING, 9L, "SUPPORT", "ADMIN")).isNull();
  }

  @Test
  void nobodyChangesTheirOwnRoleNotEvenDownwards() {
    assertThat(StaffGrants.decide(ADMIN, MAPPING, 7L, "ADMIN", "SUPER_ADMIN").code()).isEqualTo("OWN_ROLE");
    assertThat(StaffGrants.decide(ADMIN, MAPPING, 7L, "ADMIN", "SUPPORT").code()).isEqualTo("OWN_ROLE");
    assertThat(StaffGrants.decide(ROOT, MAPPING, 1L, "SUPER_ADMIN", "ADMIN").code()).isEqualTo("OWN_ROLE");
    assertThat(StaffGrants.decide(ADMIN, MAPPING, 7L, "ADMIN", "ADMIN")).as("the same role is no change").isNull();
  }

  @Test
  void onlyASuperAdminCreatesEditsOrResetsASuperAdmin() {
    assertThat(StaffGrants.decide(ADMIN, MAPPING, null, null, "SUPER_ADMIN").code()).isEqualTo("SUPER_ADMIN_ONLY");
    assertThat(StaffGrants.decide(ADMIN, MAPPING, 1L, "SUPER_ADMIN", null).code()).isEqualTo("SUPER_ADMIN_ONLY");
    assertThat(StaffGrants.decide(ADMIN, MAPPING, 1L, "SUPER_ADMIN", "SUPPORT").code()).isEqualTo("SUPER_ADMIN_ONLY");
    assertThat(StaffGrants.decide(ROOT, MAPPING, 2L, "SUPER_ADMIN", null)).isNull();
  }

  @Test
  void aRoleWithAPermissionTheActorLacksIsOutOfReachEitherWay() {
    assertThat(StaffGrants.decide(ADMIN, MAPPING, null, null, "AUDITOR").code()).isEqualTo("GRANT_EXCEEDED");
    assertThat(StaffGrants.decide(ADMIN, MAPPING, 9L, "AUDITOR", "SUPPORT").code()).as("current role").isEqualTo("GRANT_EXCEEDED");
    assertThat(StaffGrants.decide(ADMIN, MAPPING, 9L, "SUPPORT", "AUDITOR").code()).as("new role").isEqualTo("GRANT_EXCEEDED");
    assertThat(StaffGrants.decide(ADMIN, MAPPING, 9L, "AUDITOR", null).status()).isEqualTo(403);
  }
}
